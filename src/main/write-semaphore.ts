/**
 * Counts writes between the caller and the commit that answers them. When
 * all slots are taken, callers queue here in arrival order; this is what
 * keeps memory bounded when producers outrun the disk.
 */
export class WriteSemaphore {
  readonly #capacity: number;
  #inUse = 0;
  #waiters: { resolve(): void; reject(error: unknown): void }[] = [];
  /**
   * Index of the oldest waiter. `shift()` on an array of tens of thousands
   * of waiters moves the whole array each time (V8 cannot trim arrays in
   * its large-object space), which made releasing 20,000 waiters take
   * about a second of main-thread time.
   */
  #head = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get inUse(): number {
    return this.#inUse;
  }

  tryAcquire(): boolean {
    if (this.#inUse >= this.#capacity || this.#waiting() > 0) return false;
    this.#inUse++;
    return true;
  }

  /** Resolves once a slot is held by the caller. */
  acquire(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.#waiters.push({ resolve, reject }),
    );
  }

  release(count: number): void {
    this.#inUse -= count;
    while (this.#inUse < this.#capacity && this.#waiting() > 0) {
      this.#inUse++;
      const waiter = this.#waiters[this.#head];
      this.#waiters[this.#head++] = undefined as never;
      waiter?.resolve();
    }
    // Drop released entries once they are half the array, so a queue
    // that never empties still costs O(1) per waiter and bounded memory.
    if (this.#head > 1024 && this.#head * 2 > this.#waiters.length) {
      this.#waiters = this.#waiters.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Wakes every waiter; each then finds the client unusable and throws. */
  cancelWaiters(): void {
    const waiters = this.#waiters.slice(this.#head);
    this.#waiters = [];
    this.#head = 0;
    for (const waiter of waiters) waiter.resolve();
  }

  #waiting(): number {
    return this.#waiters.length - this.#head;
  }
}
