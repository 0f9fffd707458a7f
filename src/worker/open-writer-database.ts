import Database from 'better-sqlite3';

import { AuditError } from '../protocol/audit-error.ts';
import { toAuditError } from '../protocol/serialized-error.ts';
import type { WriterSettings } from '../protocol/writer-api.ts';
import { fileSize, prepareDatabaseFile, setAside } from './database-files.ts';

export interface OpenedWriter {
  db: Database.Database;
  /** Where a corrupt predecessor was moved, when one was. */
  setAside?: string;
}

/**
 * Opens the one write connection: file checks, an integrity check bounded
 * by file size, then the pragmas. A corrupt file is moved aside and a new
 * one created in its place; the caller reports where the old one went.
 */
export function openWriterDatabase(settings: WriterSettings): OpenedWriter {
  prepareDatabaseFile(settings.path);

  const db = openChecked(settings);
  if (db !== undefined) return { db };

  const movedTo = setAside(settings.path, new Date());
  prepareDatabaseFile(settings.path);
  const fresh = openChecked(settings);
  if (fresh === undefined) {
    throw new AuditError(
      'CORRUPT',
      `${settings.path} is corrupt even when new`,
    );
  }
  return { db: fresh, setAside: movedTo };
}

/** Returns the open connection, or undefined when the file is corrupt. */
function openChecked(settings: WriterSettings): Database.Database | undefined {
  const db = new Database(settings.path, { fileMustExist: true });
  try {
    checkIntegrity(db, settings);
    applyPragmas(db, settings);
    return db;
  } catch (error) {
    db.close();
    if (toAuditError(error).code === 'CORRUPT') return undefined;
    throw error;
  }
}

/**
 * `quick_check` reads every page, so it runs only on files up to
 * `integrityCheckMaxBytes`; larger files get the header and schema read,
 * which still catches a file that is not a database at all.
 */
function checkIntegrity(db: Database.Database, settings: WriterSettings): void {
  db.pragma(`busy_timeout = ${settings.busyTimeoutMs}`);
  db.pragma('schema_version', { simple: true });
  if (fileSize(settings.path) > settings.integrityCheckMaxBytes) return;

  const verdict = db.pragma('quick_check(1)', { simple: true });
  if (verdict !== 'ok') {
    throw new AuditError('CORRUPT', `quick_check: ${String(verdict)}`, {
      sqliteCode: 'SQLITE_CORRUPT',
    });
  }
}

function applyPragmas(db: Database.Database, settings: WriterSettings): void {
  setJournalModeWal(db);
  db.pragma(`synchronous = ${settings.synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  // Bigger groups between checkpoints cut write amplification; the WAL
  // governor still bounds the file (see wal-governor.ts).
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma(`journal_size_limit = ${settings.walLimitBytes}`);
  db.pragma('cache_size = -65536');
}

/**
 * Switching a new file to WAL needs an exclusive lock. When two processes
 * open the same new file at once, the loser gets SQLITE_BUSY without the
 * busy handler being consulted, so retry within busy_timeout.
 */
function setJournalModeWal(db: Database.Database): void {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode === 'wal') return;
      throw new AuditError('IO', `journal_mode stayed ${String(mode)}`);
    } catch (error) {
      if (toAuditError(error).code !== 'BUSY' || Date.now() > deadline) {
        throw error;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}
