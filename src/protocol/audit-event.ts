import type { AuditAction } from './audit-action.ts';
import type { Correlation, Provenance } from './provenance.ts';
import type { Severity } from './severity.ts';
import type {
  JsonObject,
  StoredRecord,
  TimestampInput,
} from './timestamp-input.ts';

/** One row of `audit_events` as a caller writes it. */
export interface AuditEventInput extends Correlation, Provenance {
  /** Generated (UUIDv7) when absent. */
  id?: string;
  /** Now when absent. */
  timestamp?: TimestampInput;
  action: AuditAction | (string & {});
  target?: string;
  /** `defenseclaw` when absent. */
  actor?: string;
  details?: string;
  /** Any JSON object; stored in `structured_json`. */
  structured?: JsonObject;
  severity?: Severity | Lowercase<Severity>;
  spanId?: string;
  agentId?: string;
  agentName?: string;
  agentInstanceId?: string;
  policyId?: string;
  destinationApp?: string;
  toolName?: string;
  toolId?: string;
  connector?: string;
  stepIdx?: number;
  /** Stored as 1, or NULL when false or absent, as in the original. */
  enforced?: boolean;
  rulePackDir?: string;
}

/** An audit event as reads return it. */
export type AuditEventRecord = StoredRecord<
  Omit<AuditEventInput, 'timestamp' | 'severity'>
> & {
  /** Canonical UTC text: `YYYY-MM-DD HH:MM:SS[.SSS]`. */
  timestamp: string;
  severity: Severity | null;
  /** Insertion order; the tie-breaker of keyset pagination. */
  rowid: number;
};
