import type { AuditStore } from '../src/index.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReaderFigures {
  countQueries: number;
  pageQueries: number;
  rowsRead: number;
  errors: number;
}

/**
 * Operators reading while the gateway writes: one loop runs the documented
 * severity summary of the last 24 hours, another pages through the latest
 * guardrail events, newest first, ten pages deep. Neither pauses.
 */
export class LiveReaders {
  readonly #store: AuditStore;
  readonly #figures: ReaderFigures = {
    countQueries: 0,
    pageQueries: 0,
    rowsRead: 0,
    errors: 0,
  };
  #running = true;
  readonly #loops: Promise<void>[];

  private constructor(store: AuditStore) {
    this.#store = store;
    this.#loops = [this.#countLoop(), this.#pageLoop()];
  }

  /**
   * Starts both loops once the pool has both its threads up: a thread
   * that starts inside the measured window (and, run from sources,
   * compiles them) would be charged to the readers.
   */
  static async start(store: AuditStore): Promise<LiveReaders> {
    await Promise.all([
      store.countEvents({ by: 'severity' }),
      store.queryEvents({}, { limit: 1 }),
    ]);
    return new LiveReaders(store);
  }

  async stop(): Promise<ReaderFigures> {
    this.#running = false;
    await Promise.all(this.#loops);
    return { ...this.#figures };
  }

  async #countLoop(): Promise<void> {
    while (this.#running) {
      await this.#guard(async () => {
        await this.#store.countEvents({
          by: 'severity',
          since: Date.now() - DAY_MS,
          actionPrefix: 'guardrail-',
        });
        this.#figures.countQueries++;
      });
    }
  }

  async #pageLoop(): Promise<void> {
    while (this.#running) {
      let cursor: string | undefined;
      for (let page = 0; page < 10 && this.#running; page++) {
        await this.#guard(async () => {
          const result = await this.#store.queryEvents(
            { actionPrefix: 'guardrail-' },
            { order: 'desc', limit: 100, ...(cursor ? { cursor } : {}) },
          );
          this.#figures.pageQueries++;
          this.#figures.rowsRead += result.items.length;
          cursor = result.nextCursor;
        });
        if (cursor === undefined) break;
      }
    }
  }

  async #guard(read: () => Promise<void>): Promise<void> {
    try {
      await read();
    } catch {
      this.#figures.errors++;
    }
  }
}
