import fs from 'node:fs';

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

  if (isIntact(settings)) return { db: openWriter(settings) };

  const movedTo = setAside(settings.path, new Date());
  prepareDatabaseFile(settings.path);
  return { db: openWriter(settings), setAside: movedTo };
}

function openWriter(settings: WriterSettings): Database.Database {
  const db = new Database(settings.path, { fileMustExist: true });
  try {
    applyPragmas(db, settings);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Checks the file before the write connection touches it. The check runs
 * on a read-only connection because closing a read-write connection
 * checkpoints and deletes the `-wal` file, which would destroy evidence
 * (and possibly the last commits) of a database we are about to set aside.
 * `quick_check` reads every page, so it runs only on files up to
 * `integrityCheckMaxBytes`; larger files get the header and schema read.
 */
function isIntact(settings: WriterSettings): boolean {
  const size = fileSize(settings.path);
  if (size === 0) return true;
  if (!hasSqliteHeader(settings.path)) return false;

  const db = new Database(settings.path, {
    readonly: true,
    fileMustExist: true,
  });
  try {
    db.pragma(`busy_timeout = ${settings.busyTimeoutMs}`);
    db.pragma('schema_version', { simple: true });
    if (size > settings.integrityCheckMaxBytes) return true;
    return db.pragma('quick_check(1)', { simple: true }) === 'ok';
  } catch (error) {
    if (toAuditError(error).code === 'CORRUPT') return false;
    throw error;
  } finally {
    db.close();
  }
}

function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  return header.equals(SQLITE_HEADER);
}
function applyPragmas(db: Database.Database, settings: WriterSettings): void {
  db.pragma(`busy_timeout = ${settings.busyTimeoutMs}`);
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
