import type { ActivityEventInput } from './activity-event.ts';
import type { EgressEventInput } from './egress-event.ts';
import type { EncodedAuditEvent } from './encoded-audit-event.ts';
import type {
  EnforcementClear,
  EnforcementTarget,
  EnforcementUpdate,
} from './enforcement.ts';
import type { JudgeResponseInput } from './judge-response.ts';
import type { ScanResultInput } from './scan-result.ts';
import type { SerializedError } from './serialized-error.ts';
import type { SinkHealthInput } from './sink-health.ts';
import type { TargetSnapshotInput } from './target-snapshot.ts';

/**
 * One unit of work for the writer thread. The writer commits many of them
 * in one transaction but validates and applies each on its own, so a bad
 * request fails alone.
 */
export type WriteRequest =
  | { op: 'audit-event'; input: EncodedAuditEvent }
  | { op: 'audit-events'; input: EncodedAuditEvent[] }
  | { op: 'activity'; input: ActivityEventInput }
  | { op: 'scan'; input: ScanResultInput }
  | { op: 'egress'; input: EgressEventInput }
  | { op: 'judge'; input: JudgeResponseInput }
  | { op: 'snapshot'; input: TargetSnapshotInput }
  | { op: 'sink-health'; input: SinkHealthInput }
  | { op: 'enforcement-set'; input: EnforcementUpdate }
  | { op: 'enforcement-clear'; input: EnforcementClear }
  | { op: 'enforcement-remove'; input: EnforcementTarget }
  | { op: 'sink-cursor'; input: SinkCursorUpdate };

export type WriteOp = WriteRequest['op'];

/** Moves a sink's delivery cursor; used by the sink runner. */
export interface SinkCursorUpdate {
  sinkName: string;
  /** The rowid of the last event the receiver accepted. */
  position: number;
}

/** The answer to one request, in the order the requests were sent. */
export type WriteOutcome =
  { ok: true; value: unknown } | { ok: false; error: SerializedError };
