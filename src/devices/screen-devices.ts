/**
 * The whole pipeline for the CLI/server: files -> devices -> one record per device (merged across the
 * inputs by MAC, IP, hostname) -> attribution records.
 */
import { basename } from 'node:path';
import type { World } from '../graph/types.ts';
import type { DeviceInput, DeviceRecord } from './types.ts';
import type { Rule } from '../graph/rules.ts';
import { readDevices, type ReadDevicesOptions } from './read-devices.ts';
import { attribute } from './attribute.ts';
import { mergeDevices } from './merge.ts';
import { TruncatedInputError } from './nmap-xml.ts';

export interface ScreenDevicesOptions extends ReadDevicesOptions {
  world?: World;
  asOf?: string;
  /** Rule sets for brand -> maker paths (default: data/rules.yml in force on asOf). */
  rules?: Rule[];
  /** Told about a truncated nmap file (its complete hosts are kept); without it the error is thrown. */
  onWarning?: (message: string) => void;
  /** Called after each device is read (progress). */
  onRead?: (count: number) => void;
}

/** Every input read first (devices are merged across files), then one attributed record per device. */
export async function* screenDevices(paths: string[], opts: ScreenDevicesOptions = {}): AsyncGenerator<DeviceRecord> {
  const read: { input: string; device: DeviceInput }[] = [];
  for (const path of paths) {
    try {
      for await (const device of readDevices([path], opts)) {
        read.push({ input: basename(path), device });
        opts.onRead?.(read.length);
      }
    } catch (err) {
      // nmap writes partial files when interrupted: keep the complete hosts and say so.
      if (err instanceof TruncatedInputError && opts.onWarning) opts.onWarning(`${basename(path)}: ${err.message}`);
      else throw err;
    }
  }
  for (const d of mergeDevices(read)) {
    yield {
      input: d.inputs.join(' + '),
      inputs: d.inputs,
      ...(d.mergedBy.length ? { mergedBy: d.mergedBy } : {}),
      ref: d.ref,
      ip: d.ip,
      mac: d.mac,
      hostname: d.hostname,
      attribution: attribute(d.evidence, opts.world, { asOf: opts.asOf, rules: opts.rules }),
    };
  }
}
