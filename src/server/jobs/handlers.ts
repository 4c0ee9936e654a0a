/**
 * Screening handlers by kind. The screening modules are imported statically: a build always carries
 * them, so a compiled server cannot silently fall back to a weaker screening or lose a kind.
 */
import type { JobHandler } from './types.ts';
import { devicesHandler, documentsHandler, tableHandler } from './adapters.ts';
import type { ParseLimits } from './isolate.ts';

/** `limits`: what reading one upload may cost (default PARSE_LIMITS); each upload is read in its own limited child process. */
export function defaultHandlers(limits?: ParseLimits): Record<string, JobHandler> {
  const table = tableHandler(limits);
  return { vendors: table, holdings: table, devices: devicesHandler(limits), documents: documentsHandler(limits) };
}
