import type { Provenance } from './provenance.ts';
import type { TimestampInput } from './timestamp-input.ts';

export const SINK_OUTCOMES = [
  'delivered',
  'partial',
  'failed',
  'retrying',
  'dropped',
  'breaker-open',
] as const;

export type SinkOutcome = (typeof SINK_OUTCOMES)[number];

/** One delivery attempt of a sink, stored in `sink_health`. */
export interface SinkHealthInput extends Provenance {
  id?: string;
  timestamp?: TimestampInput;
  sinkName: string;
  sinkKind: string;
  outcome: SinkOutcome;
  statusCode?: number;
  latencyMs?: number;
  batchSize?: number;
  error?: string;
  /** Events behind the sink's cursor when the attempt ended. */
  queueDepth?: number;
  droppedCount?: number;
}
