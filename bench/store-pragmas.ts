export type Synchronous = 'NORMAL' | 'FULL';

/**
 * The pragmas the store's writer connection runs with (see
 * src/worker/open-writer-database.ts). The baselines use the very same
 * ones, so a ratio measures the write path and not a tuning difference.
 */
export function storePragmas(
  synchronous: Synchronous,
  busyTimeoutMs: number,
): string[] {
  return [
    'journal_mode = WAL',
    `synchronous = ${synchronous}`,
    `busy_timeout = ${busyTimeoutMs}`,
    'foreign_keys = ON',
    'temp_store = MEMORY',
    'wal_autocheckpoint = 10000',
    `journal_size_limit = ${128 << 20}`,
    'cache_size = -65536',
  ];
}
