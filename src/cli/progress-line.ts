interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * One self-overwriting status line on a terminal's stderr. It stays
 * silent for the first second, so quick commands print nothing, and
 * entirely when stderr is not a terminal, so logs and pipes get no noise.
 */
export class ProgressLine {
  readonly #stream: ProgressStream;
  readonly #showAfter: number;
  readonly #intervalMs: number;
  #lastDrawn = 0;
  #drawn = false;

  constructor(stream: ProgressStream, delayMs = 1000, intervalMs = 250) {
    this.#stream = stream;
    this.#showAfter = Date.now() + delayMs;
    this.#intervalMs = intervalMs;
  }

  update(text: string): void {
    if (this.#stream.isTTY !== true) return;
    const now = Date.now();
    if (now < this.#showAfter || now - this.#lastDrawn < this.#intervalMs) {
      return;
    }
    this.#lastDrawn = now;
    this.#drawn = true;
    this.#stream.write(`\r${text}\u001b[K`);
  }

  clear(): void {
    if (!this.#drawn) return;
    this.#drawn = false;
    this.#stream.write('\r\u001b[K');
  }
}
