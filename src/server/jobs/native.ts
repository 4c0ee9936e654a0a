/**
 * What a screening module itself produced for a job, kept with the job so its downloads are the
 * module's own reports (with the screening certificate) rather than a re-rendering by the server.
 */
import type { ScreenReport } from '../../screen/index.ts';
import type { DeviceRecord } from '../../devices/index.ts';
import type { DocumentResult } from '../../documents/index.ts';
import type { Certificate } from '../../report/index.ts';

export type NativeReport =
  | { kind: 'screen'; report: ScreenReport }
  | { kind: 'devices'; records: DeviceRecord[]; warnings: string[]; certificate: Certificate }
  | { kind: 'documents'; results: DocumentResult[]; certificate: Certificate };
