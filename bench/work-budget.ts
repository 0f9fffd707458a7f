/**
 * How much work a driver may still do: a number of events, a deadline, or
 * both. Drivers ask for a chunk and get what is left of it (0 when done).
 */
export class WorkBudget {
  #remaining: number;
  readonly #deadline: number;

  constructor(limits: { events?: number; seconds?: number }) {
    this.#remaining = limits.events ?? Number.POSITIVE_INFINITY;
    this.#deadline =
      limits.seconds === undefined
        ? Number.POSITIVE_INFINITY
        : performance.now() + limits.seconds * 1000;
  }

  take(wanted = 1): number {
    if (performance.now() >= this.#deadline) return 0;

    const granted = Math.min(wanted, this.#remaining);
    this.#remaining -= granted;
    return granted;
  }
}
