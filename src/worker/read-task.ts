import Database from 'better-sqlite3';

import type { ReadTask } from '../protocol/read-query.ts';
import { serializeError } from '../protocol/serialized-error.ts';
import type { Result } from '../protocol/writer-api.ts';
import { runRead } from './read-handlers.ts';

/** One read-only connection per database per pool thread, kept open. */
const connections = new Map<string, Database.Database>();

/**
 * Read connections open the file read-only and set query_only as well:
 * read-only alone still lets SQLite create a missing file's `-shm`, and
 * query_only makes any write statement fail even if one slips through.
 */
function connection(task: ReadTask): Database.Database {
  let db = connections.get(task.dbPath);
  if (db === undefined) {
    db = new Database(task.dbPath, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${task.busyTimeoutMs}`);
    db.pragma('query_only = ON');
    connections.set(task.dbPath, db);
  }
  return db;
}

/** The piscina task: answers with a result envelope so codes survive. */
export default function readTask(task: ReadTask): Result<unknown> {
  try {
    return { ok: true, value: runRead(connection(task), task.query) };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}
