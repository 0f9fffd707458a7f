import type { Correlation, Provenance } from './provenance.ts';
import type { Severity } from './severity.ts';
import type {
  JsonObject,
  JsonValue,
  StoredRecord,
  TimestampInput,
} from './timestamp-input.ts';

/** One change in a before/after diff. */
export interface DiffEntry {
  path: string;
  op: string;
  before?: JsonValue;
  after?: JsonValue;
}

/** An operator mutation, stored in `activity_events`. */
export interface ActivityEventInput extends Correlation, Provenance {
  id?: string;
  timestamp?: TimestampInput;
  /** Must be a known audit action; `config-update` when absent. */
  action?: string;
  /** `cli` when absent. */
  actor?: string;
  /** `config` when absent. */
  targetType?: string;
  /** `config.yaml` when absent. */
  targetId?: string;
  reason?: string;
  before?: JsonObject;
  after?: JsonObject;
  diff?: DiffEntry[];
  versionFrom?: string;
  versionTo?: string;
  /** Severity of the audit event that describes the change; INFO default. */
  severity?: Severity | Lowercase<Severity>;
}

export type ActivityEventRecord = StoredRecord<
  Omit<ActivityEventInput, 'timestamp' | 'severity'>
> & { timestamp: string; rowid: number };

/** What `recordActivity` wrote: the activity row and its audit event. */
export interface ActivityWriteResult {
  activityId: string;
  eventId: string;
}
