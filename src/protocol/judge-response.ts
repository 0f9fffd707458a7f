import type { Provenance } from './provenance.ts';
import type { Severity } from './severity.ts';
import type { StoredRecord, TimestampInput } from './timestamp-input.ts';

/** One LLM-judge answer, stored in `judge_responses`. */
export interface JudgeResponseInput extends Provenance {
  id?: string;
  timestamp?: TimestampInput;
  /** What was judged, for example `prompt-injection` or `pii`. */
  kind: string;
  direction?: string;
  model?: string;
  action?: string;
  severity?: Severity | Lowercase<Severity>;
  latencyMs?: number;
  parseError?: string;
  /** Cut at 64 KiB on a character boundary, with a marker of the cut. */
  rawResponse: string;
  requestId?: string;
  traceId?: string;
  sessionId?: string;
  confidence?: number;
  failClosedApplied?: boolean;
}

export type JudgeResponseRecord = StoredRecord<
  Omit<JudgeResponseInput, 'timestamp' | 'severity'>
> & { timestamp: string; severity: Severity | null };
