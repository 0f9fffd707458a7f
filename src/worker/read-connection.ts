import Database from 'better-sqlite3';

/**
 * Opens a read connection the way every pool thread does. The file is
 * opened read-only and `query_only` is set as well: read-only alone would
 * still let a write statement reach SQLite's lock machinery, query_only
 * refuses it before it starts. `fileMustExist` means a reader never creates
 * a database.
 */
export function openReadConnection(
  dbPath: string,
  busyTimeoutMs: number,
): Database.Database {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  db.pragma('query_only = ON');
  return db;
}
