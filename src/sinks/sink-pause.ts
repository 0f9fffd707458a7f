import { retryDelay } from './backoff.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import type { ResolvedSinkCommon } from './resolved-sink-config.ts';
import type { FailedDelivery } from './sink.ts';

/** What one step of a delivery loop did. */
export type StepResult =
  | { kind: 'idle' }
  | {
      kind: 'advanced';
      sent: number;
      /** Time spent reading and sending the batch, not waiting to commit. */
      workMs: number;
    }
  | { kind: 'breaker-open'; waitMs: number }
  | { kind: 'failed'; result: FailedDelivery };

/** A receiver's Retry-After is honoured up to this long. */
const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * How long a loop waits after a step: nothing while it is catching up,
 * the flush interval when there was nothing to send or the receiver
 * refused for good, a backoff after a retryable failure, and the rest of
 * the breaker's pause once it is open.
 */
export function pauseAfter(
  step: StepResult,
  breaker: CircuitBreaker,
  config: ResolvedSinkCommon,
): number {
  switch (step.kind) {
    case 'idle':
      return config.flushIntervalMs;
    case 'advanced':
      return 0;
    case 'breaker-open':
      return step.waitMs;
    case 'failed':
      if (breaker.state !== 'closed') return breaker.waitMs();
      return step.result.retryable
        ? retryWait(step.result, breaker.failures, config)
        : config.flushIntervalMs;
  }
}

/** The backoff after a retryable failure, `Retry-After` as its floor. */
export function retryWait(
  result: FailedDelivery,
  failures: number,
  config: ResolvedSinkCommon,
): number {
  const retryAfterMs =
    result.retryAfterMs === undefined
      ? undefined
      : Math.min(result.retryAfterMs, MAX_RETRY_AFTER_MS);
  return retryDelay(
    failures,
    { initialMs: config.retryInitialMs, maxMs: config.retryMaxMs },
    retryAfterMs,
  );
}
