/**
 * A wait that ends early when woken: a delivery loop sleeps through its
 * flush interval or a backoff, and `close()` cuts every such wait short
 * instead of waiting it out. A wake with nobody waiting is kept for the
 * next wait, so one that comes mid-attempt is not lost.
 */
export class WakeSignal {
  readonly #waiters = new Set<() => void>();
  #pending = false;

  /** Resolves after `ms`, or as soon as `wake()` is called. */
  wait(ms: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
    });
  }

  /** Ends every wait in progress. */
  wake(): void {
    if (this.#waiters.size === 0) this.#pending = true;
    for (const done of [...this.#waiters]) done();
  }
}
