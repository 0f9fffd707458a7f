import fs from 'node:fs';
import path from 'node:path';

import { AuditError } from '../protocol/audit-error.ts';

/** The database file and the two files SQLite keeps beside it in WAL mode. */
export function companionFiles(dbPath: string): string[] {
  return [dbPath, `${dbPath}-wal`, `${dbPath}-shm`];
}

/**
 * Makes sure the folder exists (0700 when we create it) and the database
 * file exists with mode 0600 before SQLite opens it. Creating the file
 * ourselves with O_EXCL and an explicit mode leaves no moment in which it is
 * readable by others; SQLite then gives `-wal` and `-shm` the same mode.
 */
export function prepareDatabaseFile(dbPath: string): void {
  refuseSymlink(dbPath);
  fs.mkdirSync(path.dirname(dbPath), { recursive: true, mode: 0o700 });

  try {
    fs.closeSync(fs.openSync(dbPath, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  refuseSymlink(dbPath);
}

export function refuseSymlink(dbPath: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(dbPath);
  } catch {
    return;
  }
  if (stat.isSymbolicLink()) {
    throw new AuditError(
      'SYMLINK_REFUSED',
      `${dbPath} is a symbolic link; give the real path of the database instead`,
    );
  }
}

/**
 * Moves a corrupt database and its companions aside under one suffix, so
 * nothing is deleted and an operator can still inspect or salvage it.
 */
export function setAside(dbPath: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${dbPath}.corrupt-${stamp}`;
  for (const file of companionFiles(dbPath)) {
    const suffix = file.slice(dbPath.length);
    try {
      fs.renameSync(file, `${target}${suffix}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return target;
}

export function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Device and inode: what identifies the file the connection has open. */
export function fileIdentity(dbPath: string): string {
  const stat = fs.statSync(dbPath);
  return `${stat.dev}:${stat.ino}`;
}

/**
 * In WAL mode SQLite goes on writing to a database file that was deleted or
 * replaced while open, so commits would be acknowledged into a file nobody
 * can open again. Throws NOT_FOUND unless `dbPath` is still the file opened.
 */
export function checkStillOpenable(dbPath: string, identity: string): void {
  let current: string;
  try {
    current = fileIdentity(dbPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    current = 'missing';
  }
  if (current === identity) return;
  const what = current === 'missing' ? 'deleted' : 'replaced by another file';
  throw new AuditError(
    'NOT_FOUND',
    `${dbPath} was ${what} while the store was open; nothing more is ` +
      'written to it. Close the store and open it again to continue in a ' +
      'new database',
  );
}
