import Database from 'better-sqlite3';

/**
 * Runs one query on a fresh read-only connection of our own, the way an
 * operator's tool would look at the file, independent of the store's pool.
 */
export function peek<T = Record<string, unknown>>(
  dbPath: string,
  sql: string,
  ...params: unknown[]
): T {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

/** The number of rows in `audit_events`. */
export function countEvents(dbPath: string): number {
  return peek<{ n: number }>(dbPath, 'SELECT count(*) AS n FROM audit_events')
    .n;
}
