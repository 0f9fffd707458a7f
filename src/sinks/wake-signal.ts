/**
 * A wait that ends early when woken: a delivery loop sleeps through its
 * flush interval or a backoff, and `flush()` or `close()` cut it short
 * instead of waiting it out. A wake with nobody waiting is kept for the
 * next wait, so a request made mid-attempt is not lost.
 */
export class WakeSignal {
  #wake: (() => void) | undefined;
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
        if (this.#wake === done) this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  wake(): void {
    if (this.#wake === undefined) this.#pending = true;
    else this.#wake();
  }
}
