/**
 * Screening handlers by kind: the screening modules (src/screen, src/devices, src/documents) when they
 * are present in this build; vendors and holdings fall back to the built-in screening otherwise.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JobHandler } from './types.ts';
import { basicVendorHandler } from './basic-vendors.ts';
import { devicesHandler, documentsHandler, tableHandler } from './adapters.ts';

function present(rel: string): boolean {
  return existsSync(fileURLToPath(new URL(rel, import.meta.url)));
}

export async function defaultHandlers(): Promise<Record<string, JobHandler>> {
  const table = present('../../screen/index.ts') ? tableHandler : basicVendorHandler;
  const handlers: Record<string, JobHandler> = { vendors: table, holdings: table };
  if (present('../../devices/index.ts')) handlers.devices = devicesHandler;
  if (present('../../documents/index.ts') && present('../../documents/from-world.ts')) handlers.documents = documentsHandler;
  return handlers;
}
