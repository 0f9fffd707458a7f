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
