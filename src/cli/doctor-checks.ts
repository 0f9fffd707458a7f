import fs from 'node:fs';

import Database from 'better-sqlite3';

import { migrationsDir } from '../main/module-file.ts';
import { AuditError } from '../protocol/audit-error.ts';
import { toAuditError } from '../protocol/serialized-error.ts';
import { loadMigrations } from '../worker/migration-files.ts';
import { fail, ok, warn, type CheckResult } from './check-result.ts';
import { permissionChecks, statOrUndefined } from './file-mode-checks.ts';

/** The size the store's writer checkpoints the `-wal` file back under. */
const WAL_TARGET_BYTES = 128 << 20;

/**
 * Looks at a database without changing it: file modes, schema version
 * against the migrations this release ships, quick_check, journal mode
 * and the `-wal` size. Throws NOT_FOUND when there is no file at all.
 */
export function diagnose(dbPath: string, busyTimeoutMs: number): CheckResult[] {
  const stat = lstatOrThrow(dbPath);
  if (stat.isSymbolicLink()) {
    return [
      fail(
        'file',
        `${dbPath} is a symbolic link, which the store refuses to open; point --db at the real file`,
      ),
    ];
  }

  const results = [...permissionChecks(dbPath, stat)];
  let db: Database.Database;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('query_only = ON');
  } catch (error) {
    return [...results, fail('open', toAuditError(error).message)];
  }
  try {
    results.push(...databaseChecks(db, dbPath));
  } finally {
    db.close();
  }
  return results;
}

const DATABASE_CHECKS: readonly [
  string,
  (db: Database.Database) => CheckResult,
][] = [
  ['schema', schemaCheck],
  ['integrity', integrityCheck],
  ['journal', journalCheck],
  ['contents', contentsCheck],
];

function databaseChecks(db: Database.Database, dbPath: string): CheckResult[] {
  const results: CheckResult[] = [];
  for (const [name, check] of DATABASE_CHECKS) {
    try {
      results.push(check(db));
    } catch (error) {
      const failure = toAuditError(error);
      // A busy database says nothing about its health: fail the command.
      if (failure.code === 'BUSY') throw failure;
      results.push(
        fail(failure.code === 'CORRUPT' ? 'integrity' : name, failure.message),
      );
      // Past a file that is not a database, every check would say so.
      if (failure.code === 'CORRUPT') break;
    }
  }
  return [...results, walCheck(dbPath)];
}

function schemaCheck(db: Database.Database): CheckResult {
  const known = loadMigrations(migrationsDir());
  const hasTable = db
    .prepare(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
    )
    .get();
  const version =
    hasTable === undefined
      ? 0
      : Number(
          db
            .prepare('SELECT coalesce(max(version), 0) FROM schema_version')
            .pluck()
            .get(),
        );

  if (version > known.length) {
    return fail(
      'schema',
      `version ${version}, newer than the ${known.length} this release ` +
        'knows; upgrade defenseclaw-audit',
    );
  }
  const pending = known.slice(version).map((m) => `${m.version} ${m.name}`);
  return pending.length === 0
    ? ok('schema', `version ${version}, up to date`)
    : warn(
        'schema',
        `version ${version} of ${known.length}; pending migrations: ` +
          `${pending.join(', ')} (applied when the gateway next opens the store)`,
      );
}

function integrityCheck(db: Database.Database): CheckResult {
  const verdicts = db.pragma('quick_check(10)', { simple: false }) as {
    quick_check: string;
  }[];
  const messages = verdicts.map((row) => row.quick_check);
  return messages.length === 1 && messages[0] === 'ok'
    ? ok('integrity', 'quick_check ok')
    : fail('integrity', `quick_check: ${messages.join('; ')}`);
}

function journalCheck(db: Database.Database): CheckResult {
  const mode = String(db.pragma('journal_mode', { simple: true }));
  return mode === 'wal'
    ? ok('journal', 'WAL')
    : warn(
        'journal',
        `${mode}, not WAL: readers and the writer will block each other until the store opens it`,
      );
}

function contentsCheck(db: Database.Database): CheckResult {
  const count = (table: string) => {
    const exists = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(table);
    return exists === undefined
      ? 0
      : Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
  };
  return ok(
    'contents',
    `${counted(count('audit_events'), 'audit event')}, ` +
      counted(count('activity_events'), 'activity row'),
  );
}

function counted(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

function walCheck(dbPath: string): CheckResult {
  const size = sizeOf(`${dbPath}-wal`);
  const shown = `${(size / (1 << 20)).toFixed(1)} MiB`;
  return size > WAL_TARGET_BYTES
    ? warn(
        'wal',
        `${shown}, over the ${WAL_TARGET_BYTES >> 20} MiB the writer aims for: ` +
          'a long-running reader may be holding back checkpoints',
      )
    : ok('wal', shown);
}

function lstatOrThrow(dbPath: string): fs.Stats {
  try {
    return fs.lstatSync(dbPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AuditError('NOT_FOUND', `no audit database at ${dbPath}`);
    }
    throw toAuditError(error);
  }
}

function sizeOf(file: string): number {
  return statOrUndefined(file)?.size ?? 0;
}
