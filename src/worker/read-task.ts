import type Database from 'better-sqlite3';

import type { ReadTask } from '../protocol/read-query.ts';
import { serializeError } from '../protocol/serialized-error.ts';
import type { Result } from '../protocol/writer-api.ts';
import { openReadConnection } from './read-connection.ts';
import { runRead } from './read-handlers.ts';

/** One read-only connection per database per pool thread, kept open. */
const connections = new Map<string, Database.Database>();

function connection(task: ReadTask): Database.Database {
  let db = connections.get(task.dbPath);
  if (db === undefined) {
    db = openReadConnection(task.dbPath, task.busyTimeoutMs);
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
