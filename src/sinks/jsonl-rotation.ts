import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/**
 * Rotates a JSONL log into gzip backups: `gateway.jsonl.1.gz` is the
 * newest, `.N.gz` the oldest kept. Each step is a rename or a new file, so
 * a crash at any point leaves every line in exactly one place; `recover`
 * finishes a rotation a crash interrupted.
 */
export class JsonlRotation {
  readonly #path: string;
  readonly #maxBackups: number;

  constructor(path: string, maxBackups: number) {
    this.#path = path;
    this.#maxBackups = maxBackups;
  }

  backupPath(index: number): string {
    return `${this.#path}.${index}.gz`;
  }

  /** Moves the current file aside (it must be closed) and compresses it. */
  async rotate(): Promise<void> {
    // Once the oldest is gone and the rest shifted, no `.1.gz` exists until
    // the new one is complete: `recover` relies on that.
    await fsp.rm(this.backupPath(this.#maxBackups), { force: true });
    for (let index = this.#maxBackups - 1; index >= 1; index--) {
      await renameIfPresent(this.backupPath(index), this.backupPath(index + 1));
    }
    await fsp.rename(this.#path, this.#pending);
    await this.#compressPending();
  }

  /** Compresses a file left renamed but not yet compressed by a crash. */
  async recover(): Promise<void> {
    if (!fs.existsSync(this.#pending)) return;
    await fsp.rm(this.#temporary, { force: true });
    if (this.#maxBackups > 0 && fs.existsSync(this.backupPath(1))) {
      // The crash came after the rename of the compressed copy.
      await fsp.rm(this.#pending);
      return;
    }
    await this.#compressPending();
  }

  get #pending(): string {
    return `${this.#path}.1`;
  }

  get #temporary(): string {
    return `${this.backupPath(1)}.tmp`;
  }

  /** Runs on the thread pool: a 50 MB file must not stall the event loop. */
  async #compressPending(): Promise<void> {
    if (this.#maxBackups === 0) {
      await fsp.rm(this.#pending);
      return;
    }
    await pipeline(
      fs.createReadStream(this.#pending),
      zlib.createGzip(),
      fs.createWriteStream(this.#temporary, { mode: 0o600 }),
    );
    const copy = await fsp.open(this.#temporary, 'r');
    await copy.sync().finally(() => copy.close());
    await fsp.rename(this.#temporary, this.backupPath(1));
    await fsp.rm(this.#pending);
  }
}

async function renameIfPresent(from: string, to: string): Promise<void> {
  try {
    await fsp.rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
