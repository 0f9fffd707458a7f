import { once } from 'node:events';
import fs from 'node:fs';
import type { Writable } from 'node:stream';

import { CliError } from './cli-error.ts';
import { EXIT_CODES } from './exit-code.ts';

/** Where a command writes its data: standard output or a new file. */
export interface OutputTarget {
  /** For messages: `stdout` or the file path. */
  readonly name: string;
  /** Resolves once the chunk is accepted; waits while the reader lags. */
  write(chunk: string): Promise<void>;
  close(): Promise<void>;
  /** After a failure: closes, and removes a file this command created. */
  discard(): Promise<void>;
}

/**
 * The reader of our standard output went away (`| head`). Not a failure:
 * the command stops quietly and exits 0, as Unix filters do.
 */
export class OutputClosed extends Error {
  constructor() {
    super('the reader of standard output closed the pipe');
    this.name = 'OutputClosed';
  }
}

/** `-` means standard output; anything else a file that must not exist. */
export async function openOutput(spec: string): Promise<OutputTarget> {
  return spec === '-' ? new StreamTarget(process.stdout) : openNewFile(spec);
}

export class StreamTarget implements OutputTarget {
  readonly name = 'stdout';
  readonly #stream: Writable;
  #failure: Error | undefined;

  constructor(stream: Writable) {
    this.#stream = stream;
    // Without a listener, an EPIPE would be an uncaught exception.
    stream.on('error', (error) => {
      this.#failure ??= streamFailure(error);
    });
  }

  async write(chunk: string): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#stream.write(chunk)) return;
    try {
      await once(this.#stream, 'drain');
    } catch (error) {
      throw streamFailure(error);
    }
  }

  async close(): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
  }

  async discard(): Promise<void> {}
}

class FileTarget implements OutputTarget {
  readonly name: string;
  readonly #file: fs.promises.FileHandle;
  #closed = false;

  constructor(name: string, file: fs.promises.FileHandle) {
    this.name = name;
    this.#file = file;
  }

  async write(chunk: string): Promise<void> {
    try {
      await this.#file.write(chunk);
    } catch (error) {
      throw ioFailure(`cannot write ${this.name}`, error);
    }
  }

  /** Synced before close: an export is often kept as evidence. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#file.sync();
      await this.#file.close();
    } catch (error) {
      throw ioFailure(`cannot finish ${this.name}`, error);
    }
  }

  async discard(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      await this.#file.close().catch(() => undefined);
    }
    await fs.promises.rm(this.name, { force: true });
  }
}

/**
 * `wx` is O_CREAT|O_EXCL: the file is created 0600 in one step, an
 * existing file (or a symlink planted in its place) is never opened, and
 * there is no moment in which the export is readable by others.
 */
async function openNewFile(file: string): Promise<OutputTarget> {
  try {
    return new FileTarget(file, await fs.promises.open(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CliError(
        EXIT_CODES.IO,
        `${file} already exists and export never overwrites a file; ` +
          'remove it or choose another --output',
      );
    }
    throw ioFailure(`cannot create ${file}`, error);
  }
}

function streamFailure(error: unknown): Error {
  return (error as NodeJS.ErrnoException).code === 'EPIPE'
    ? new OutputClosed()
    : ioFailure('cannot write to standard output', error);
}

function ioFailure(what: string, error: unknown): CliError {
  const reason = error instanceof Error ? error.message : String(error);
  return new CliError(EXIT_CODES.IO, `${what}: ${reason}`, { cause: error });
}
