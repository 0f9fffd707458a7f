import type { Severity } from './severity.ts';
import type { StoredRecord, TimestampInput } from './timestamp-input.ts';

/** A network-egress decision, stored in `network_egress_events`. */
export interface EgressEventInput {
  id?: string;
  timestamp?: TimestampInput;
  sessionId?: string;
  hostname: string;
  url?: string;
  httpMethod?: string;
  protocol?: string;
  /** What the policy decided, for example `allow`, `block`, `warn`. */
  policyOutcome: string;
  decisionCode?: string;
  blocked?: boolean;
  /** INFO when absent. */
  severity?: Severity | Lowercase<Severity>;
  details?: string;
  connector?: string;
  agentId?: string;
  toolId?: string;
  userId?: string;
}

export type EgressEventRecord = StoredRecord<
  Omit<EgressEventInput, 'timestamp' | 'severity' | 'blocked'>
> & { timestamp: string; severity: Severity; blocked: boolean; rowid: number };
