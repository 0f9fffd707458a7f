import fs from 'node:fs';

/** One reading of the `-wal` file: seconds since start, size in bytes. */
export type WalSample = [seconds: number, bytes: number];

/**
 * Reads the size of `<db>-wal` every `intervalMs` on the main thread. A
 * missing file counts as 0 bytes (SQLite deletes it on the last close).
 */
export class WalSampler {
  readonly samples: WalSample[] = [];
  readonly #walPath: string;
  readonly #startedAt = performance.now();
  readonly #timer: NodeJS.Timeout;

  constructor(dbPath: string, intervalMs: number) {
    this.#walPath = `${dbPath}-wal`;
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), intervalMs);
  }

  get maxBytes(): number {
    return this.samples.reduce((max, [, bytes]) => Math.max(max, bytes), 0);
  }

  stop(): WalSample[] {
    clearInterval(this.#timer);
    this.#sample();
    return this.samples;
  }

  #sample(): void {
    const seconds = (performance.now() - this.#startedAt) / 1000;
    let bytes = 0;
    try {
      bytes = fs.statSync(this.#walPath).size;
    } catch {
      // Not created yet, or removed by a TRUNCATE checkpoint's reset.
    }
    this.samples.push([Math.round(seconds * 1000) / 1000, bytes]);
  }
}
