import type { Severity } from './severity.ts';
import type { TimestampInput } from './timestamp-input.ts';

/** Filters shared by the event queries. */
export interface EventFilter {
  /** Inclusive lower bound. */
  since?: TimestampInput;
  /** Exclusive upper bound. */
  until?: TimestampInput;
  /** Exact action name. */
  action?: string;
  /** Matches every action that starts with this text (`guardrail-`). */
  actionPrefix?: string;
  /** Minimum severity by rank. */
  minSeverity?: Severity;
  requestId?: string;
  sessionId?: string;
  traceId?: string;
  runId?: string;
  /**
   * Only events inserted at or before this rowid (see `max-event-rowid`):
   * a fixed set for a long paged read while writes continue.
   */
  upToRowid?: number;
}

/** Keyset pagination: pass back `nextCursor` to get the following page. */
export interface PageOptions {
  /** 100 when absent; at most 10,000. */
  limit?: number;
  /** `asc` (oldest first) when absent. */
  order?: 'asc' | 'desc';
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Undefined when this page is the last one at the time of the read. */
  nextCursor?: string;
}

export interface CountOptions {
  since?: TimestampInput;
  until?: TimestampInput;
  /** Exact action name. */
  action?: string;
  actionPrefix?: string;
  by: 'severity' | 'action';
}

export interface CountRow {
  key: string | null;
  count: number;
}

export interface ActivityFilter {
  since?: TimestampInput;
  until?: TimestampInput;
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
}

export interface EgressFilter {
  since?: TimestampInput;
  until?: TimestampInput;
  hostname?: string;
  sessionId?: string;
  blocked?: boolean;
}

export interface ScanFilter {
  since?: TimestampInput;
  until?: TimestampInput;
  scanner?: string;
  target?: string;
}

/** A read as it travels to a pool thread. */
export type ReadQuery =
  | { kind: 'events'; filter: EventFilter; page: PageOptions }
  | { kind: 'count'; options: CountOptions }
  | { kind: 'activity'; filter: ActivityFilter; page: PageOptions }
  | { kind: 'egress'; filter: EgressFilter; page: PageOptions }
  | { kind: 'scans'; filter: ScanFilter; page: PageOptions }
  | { kind: 'scan'; id: string }
  | {
      kind: 'enforcement-get';
      targetType: string;
      targetName: string;
      connector?: string;
    }
  | { kind: 'enforcement-list'; targetType?: string }
  | { kind: 'events-after'; afterRowid: number; limit: number }
  | { kind: 'sink-cursors' }
  | { kind: 'max-event-rowid' }
  | { kind: 'sink-batch'; sinkName: string; afterRowid: number; limit: number }
  | { kind: 'sink-status'; sinkNames: string[] };

export interface ReadTask {
  dbPath: string;
  busyTimeoutMs: number;
  query: ReadQuery;
}
