export const BREAKER_STATES = ['closed', 'open', 'half-open'] as const;

export type BreakerState = (typeof BREAKER_STATES)[number];

/**
 * Stops a sink from hammering a receiver that keeps failing: after
 * `threshold` failures in a row it opens for `openMs`, then lets one probe
 * through. A successful probe closes it; a failed one opens it again.
 * Attempts of one sink never overlap, so "one probe" needs no counting.
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #openMs: number;
  readonly #now: () => number;
  #failures = 0;
  #openedAt: number | undefined;

  constructor(threshold: number, openMs: number, now = Date.now) {
    this.#threshold = threshold;
    this.#openMs = openMs;
    this.#now = now;
  }

  get state(): BreakerState {
    if (this.#openedAt === undefined) return 'closed';
    return this.waitMs() > 0 ? 'open' : 'half-open';
  }

  /** Failures since the last success. */
  get failures(): number {
    return this.#failures;
  }

  /** How long until an attempt may be made; 0 when it may be made now. */
  waitMs(): number {
    if (this.#openedAt === undefined) return 0;
    return Math.max(0, this.#openedAt + this.#openMs - this.#now());
  }

  recordSuccess(): void {
    this.#failures = 0;
    this.#openedAt = undefined;
  }

  /** Returns true when this failure opened the breaker. */
  recordFailure(): boolean {
    this.#failures += 1;
    const probeFailed = this.#openedAt !== undefined;
    if (probeFailed || this.#failures >= this.#threshold) {
      this.#openedAt = this.#now();
      return true;
    }
    return false;
  }
}
