export {
  AuditReader,
  openAuditReader,
  type AuditReaderConfig,
} from './main/audit-reader.ts';
export { AuditStore, openAuditStore } from './main/audit-store.ts';
export {
  defaultDatabasePath,
  type AuditStoreConfig,
} from './main/audit-store-config.ts';
export type { WriteOptions } from './main/writer-client.ts';
export { AuditError, type AuditErrorDetails } from './protocol/audit-error.ts';
export { ERROR_CODES, type ErrorCode } from './protocol/error-code.ts';
export { AUDIT_ACTIONS, type AuditAction } from './protocol/audit-action.ts';
export {
  SEVERITIES,
  SEVERITY_RANK,
  type Severity,
} from './protocol/severity.ts';
export { FIELD_LIMITS } from './protocol/field-limits.ts';
export { ENFORCEMENT_VALUES } from './protocol/enforcement.ts';
export type * from './protocol/activity-event.ts';
export type * from './protocol/audit-event.ts';
export type * from './protocol/egress-event.ts';
export type * from './protocol/enforcement.ts';
export type * from './protocol/judge-response.ts';
export type * from './protocol/provenance.ts';
export type * from './protocol/read-query.ts';
export type * from './protocol/scan-result.ts';
export type * from './protocol/sink-health.ts';
export type * from './protocol/target-snapshot.ts';
export type * from './protocol/timestamp-input.ts';
export type {
  CheckpointMode,
  CheckpointResult,
  OpenReport,
} from './protocol/writer-api.ts';
export type * from './protocol/sink-reads.ts';
export {
  loadSinkConfigs,
  type SinkSources,
} from './sinks/load-sink-configs.ts';
export { readSinkLag, type SinkLag } from './sinks/sink-lag.ts';
export { SinkRunner, type SinkRunnerOptions } from './sinks/sink-runner.ts';
export { SINK_KINDS, type SinkKind } from './sinks/sink-kind.ts';
export type * from './sinks/sink-config.ts';
export type { ResolvedSinkConfig } from './sinks/resolved-sink-config.ts';
export type { SinkLogEntry, SinkLogger } from './sinks/sink-log.ts';
export type { SinkFlushResult, SinkStatus } from './sinks/sink-status.ts';
