import type Database from 'better-sqlite3';

import { AuditError } from '../protocol/audit-error.ts';
import { formatCanonical } from './canonical-timestamp.ts';
import type { Migration } from './migration-files.ts';

const ADD_COLUMN = /^ALTER\s+TABLE\s+(\w+)\s+ADD\s+COLUMN\s+(\w+)/i;

/**
 * Applies every migration newer than the database, each in its own
 * IMMEDIATE transaction with its version row. The version is read only
 * after the write lock is held, so two processes opening a new file at the
 * same moment serialise here and each migration runs once.
 */
export function migrate(
  db: Database.Database,
  migrations: Migration[],
): number[] {
  const applied: number[] = [];
  for (;;) {
    const version = inImmediate(db, () => applyNext(db, migrations));
    if (version === undefined) return applied;
    applied.push(version);
  }
}

export function currentVersion(db: Database.Database): number {
  const row = db
    .prepare('SELECT coalesce(max(version), 0) AS v FROM schema_version')
    .get() as { v: number };
  return row.v;
}

function applyNext(
  db: Database.Database,
  migrations: Migration[],
): number | undefined {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (' +
      'version INTEGER PRIMARY KEY, applied_at DATETIME NOT NULL)',
  );
  const current = currentVersion(db);
  const known = migrations.length;
  if (current > known) {
    throw new AuditError(
      'SCHEMA_TOO_NEW',
      `the database is at schema version ${current} but this release knows ` +
        `only up to ${known}; upgrade defenseclaw-audit to open it`,
    );
  }

  const next = migrations[current];
  if (next === undefined) return undefined;
  next.statements.forEach((statement) => runStatement(db, statement));
  db.prepare(
    'INSERT INTO schema_version (version, applied_at) VALUES (?, ?)',
  ).run(next.version, formatCanonical(Date.now()));
  return next.version;
}

/**
 * ADD COLUMN is skipped when the column exists: a database made by an older
 * release, or by another tool with the same DDL, may have it already.
 */
function runStatement(db: Database.Database, statement: string): void {
  const match = ADD_COLUMN.exec(statement);
  if (match !== null && hasColumn(db, match[1] as string, match[2] as string)) {
    return;
  }
  db.exec(statement);
}

function hasColumn(
  db: Database.Database,
  table: string,
  column: string,
): boolean {
  const columns = db.pragma(`table_info(${table})`) as { name: string }[];
  return columns.some(
    (info) => info.name.toLowerCase() === column.toLowerCase(),
  );
}

function inImmediate<T>(db: Database.Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
