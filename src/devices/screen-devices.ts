/** The whole pipeline for the CLI/server: files -> devices -> attribution records. */
import { basename } from 'node:path';
import type { World } from '../graph/types.ts';
import type { DeviceRecord } from './types.ts';
import type { Rule } from '../graph/rules.ts';
import { readDevices, type ReadDevicesOptions } from './read-devices.ts';
import { attribute } from './attribute.ts';

export interface ScreenDevicesOptions extends ReadDevicesOptions {
  world?: World;
  asOf?: string;
  /** Rule sets for brand -> maker paths (default: data/rules.yml in force on asOf). */
  rules?: Rule[];
}

export async function* screenDevices(paths: string[], opts: ScreenDevicesOptions = {}): AsyncGenerator<DeviceRecord> {
  for (const path of paths) {
    for await (const d of readDevices([path], opts)) {
      yield {
        input: basename(path),
        ref: d.ref,
        ip: d.ip,
        mac: d.mac,
        hostname: d.hostname,
        attribution: attribute(d.evidence, opts.world, { asOf: opts.asOf, rules: opts.rules }),
      };
    }
  }
}
