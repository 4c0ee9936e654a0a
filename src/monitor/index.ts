/** Continuous monitoring: saved inputs re-screened when lists change, alerts, their delivery and schedule. */
export type * from './types.ts';
export { MONITOR_KINDS, ALERT_KINDS } from './types.ts';
export { MonitorStore, checkRecipients, withoutSecrets, type NewMonitor } from './monitor-store.ts';
export { monitorReport, monitorThresholds, type MonitorReport, type MonitorState } from './monitor-report.ts';
export { AlertStore, type DueDelivery } from './alert-store.ts';
export { compareHits } from './compare.ts';
export { listChange, affectedParties, screenDelta, type ListChange } from './delta.ts';
export { readMonitorInput, screenAll, screeningWorld, flagRow, type ScreeningWorld } from './screen-monitor.ts';
export { MonitorService, type Actor, type RescreenOutcome, type InputFiles } from './monitor-service.ts';
export {
  deliverDue,
  signature,
  webhookBody,
  backoff,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  type DeliveryOptions,
  type DeliveryReport,
  type SmtpSettings,
} from './deliver.ts';
export { digestText } from './digest.ts';
