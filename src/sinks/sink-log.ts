export const SINK_LOG_LEVELS = ['info', 'warn', 'error'] as const;

export type SinkLogLevel = (typeof SINK_LOG_LEVELS)[number];

/**
 * What the sink runner has to say: a failure, the breaker opening, a
 * recovery. The store never prints; an embedder that wants these passes
 * `onSinkLog`.
 */
export interface SinkLogEntry {
  level: SinkLogLevel;
  sinkName: string;
  message: string;
  error?: unknown;
}

export type SinkLogger = (entry: SinkLogEntry) => void;
