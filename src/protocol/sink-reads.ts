import type { AuditEventRecord } from './audit-event.ts';

/** The answer to a `sink-batch` read: the next events a sink owes. */
export interface SinkBatch {
  /** The larger of the stored cursor and the one the caller passed. */
  position: number;
  /** Events after `position`, oldest first. */
  events: AuditEventRecord[];
  /** The newest event's rowid, for the queue depth. */
  maxRowid: number;
}

/** What the database says about one sink; the answer to `sink-status`. */
export interface SinkStatusRow {
  sinkName: string;
  /** Null when the sink has never advanced. */
  position: number | null;
  cursorUpdatedAt: string | null;
  maxRowid: number;
  /** The timestamp of the oldest event behind the cursor. */
  oldestPendingAt: string | null;
  lastAttemptAt: string | null;
  lastOutcome: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  lastStatusCode: number | null;
}
