/**
 * Screening handlers by kind. The screening modules are imported statically: a build always carries
 * them, so a compiled server cannot silently fall back to a weaker screening or lose a kind.
 */
import type { JobHandler } from './types.ts';
import { devicesHandler, documentsHandler, tableHandler } from './adapters.ts';

export function defaultHandlers(): Record<string, JobHandler> {
  return { vendors: tableHandler, holdings: tableHandler, devices: devicesHandler, documents: documentsHandler };
}
