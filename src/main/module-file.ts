import { fileURLToPath } from 'node:url';

/**
 * Resolves the entry file of a worker thread. The built package starts the
 * `.js` file; run from the TypeScript sources, a thread starts from a small
 * `.dev.mjs` entry that registers tsx first, because loader hooks of the
 * main thread do not reach worker threads on Node 20.
 */
export function moduleFile(relative: string): string {
  const extension = import.meta.url.endsWith('.ts') ? '.dev.mjs' : '.js';
  return fileURLToPath(new URL(`${relative}${extension}`, import.meta.url));
}

/** The `migrations/` folder shipped at the package root. */
export function migrationsDir(): string {
  return fileURLToPath(new URL('../../migrations/', import.meta.url));
}

/**
 * Worker threads inherit the process's flags, but `--input-type` (set by
 * `node --input-type=module -e ...`) makes a worker refuse its entry file,
 * so it is dropped for our threads.
 */
export function workerExecArgv(): string[] {
  return process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
}
