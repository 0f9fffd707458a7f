/**
 * Counts writes between the caller and the commit that answers them. When
 * all slots are taken, callers queue here in arrival order; this is what
 * keeps memory bounded when producers outrun the disk.
 */
export class WriteSemaphore {
  readonly #capacity: number;
  #inUse = 0;
  #waiters: { resolve(): void; reject(error: unknown): void }[] = [];

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get inUse(): number {
    return this.#inUse;
  }

  tryAcquire(): boolean {
    if (this.#inUse >= this.#capacity || this.#waiters.length > 0) return false;
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
    while (this.#inUse < this.#capacity && this.#waiters.length > 0) {
      this.#inUse++;
      this.#waiters.shift()?.resolve();
    }
  }

  /** Wakes every waiter; each then finds the client unusable and throws. */
  cancelWaiters(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.resolve();
  }
}
