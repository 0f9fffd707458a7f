import type { BreakerState } from './circuit-breaker.ts';
import type { SinkKind } from './sink-kind.ts';

/** A running sink as its delivery loop sees it. */
export interface SinkStatus {
  name: string;
  kind: SinkKind;
  /** The rowid of the last event passed (delivered or not owed). */
  cursor: number;
  /** Events behind the cursor at the last read; undefined before it. */
  queueDepth: number | undefined;
  breaker: BreakerState;
  /** Failed attempts since the last success. */
  failures: number;
  /** RFC 3339, in this process's lifetime. */
  lastSuccessAt: string | undefined;
  lastErrorAt: string | undefined;
  lastError: string | undefined;
}

/** What `flush()` achieved for one sink. */
export interface SinkFlushResult {
  name: string;
  /** True when every event written before the flush was delivered. */
  ok: boolean;
  /** Why not, when `ok` is false. */
  error?: string;
}
