import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { test } from 'node:test';

import Database from 'better-sqlite3';

import { openAuditStore, type OpenReport } from '../src/index.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

const MIGRATIONS = new URL('../migrations/', import.meta.url);
const migrationFiles = fs
  .readdirSync(MIGRATIONS)
  .filter((f) => f.endsWith('.sql'));

function firstMigration(): string {
  return fs.readFileSync(new URL('0001_audit_core.sql', MIGRATIONS), 'utf8');
}

/** A database as the first release left it: v1 tables, with rows. */
function createOldShapeDatabase(dbPath: string): void {
  const db = new Database(dbPath);
  db.exec(firstMigration());
  db.exec(
    'CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at DATETIME NOT NULL);' +
      "INSERT INTO schema_version VALUES (1, '2025-01-01 00:00:00');",
  );
  const insert = db.prepare(
    'INSERT INTO audit_events (id, timestamp, action, target, actor, details, severity) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (let i = 0; i < 50; i++) {
    insert.run(
      `old-${i}`,
      '2025-01-01 00:00:00',
      'scan',
      `t${i}`,
      'defenseclaw',
      `d${i}`,
      'HIGH',
    );
  }
  db.exec(
    "INSERT INTO scan_results (id, scanner, target, timestamp) VALUES ('s1', 'skill', 'x', '2025-01-01 00:00:00');" +
      "INSERT INTO findings (id, scan_id, severity, title, scanner) VALUES ('f1', 's1', 'LOW', 'old', 'skill');",
  );
  db.close();
}

function tables(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  const names = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  db.close();
  return names;
}

test('a new database gets every table and index of the schema', async () => {
  const dbPath = tempDbPath();
  const store = await openAuditStore({ path: dbPath });
  assert.equal(store.openReport.schemaVersion, migrationFiles.length);
  await store.close();

  for (const table of [
    'audit_events',
    'activity_events',
    'scan_results',
    'findings',
    'scan_findings',
    'network_egress_events',
    'target_snapshots',
    'judge_responses',
    'sink_health',
    'actions',
    'schema_version',
  ]) {
    assert.ok(tables(dbPath).includes(table), `missing table ${table}`);
  }
  const db = new Database(dbPath, { readonly: true });
  const indexes = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_events'",
    )
    .pluck()
    .all();
  db.close();
  assert.ok(
    indexes.length >= 8,
    `audit_events has only ${indexes.length} indexes`,
  );
});

test('an old-shape database upgrades with every row intact', async () => {
  const dbPath = tempDbPath();
  createOldShapeDatabase(dbPath);

  const store = await openAuditStore({ path: dbPath });
  assert.deepEqual(
    store.openReport.migrationsApplied,
    migrationFiles.slice(1).map((_, i) => i + 2),
  );
  const page = await store.queryEvents({ action: 'scan' }, { limit: 100 });
  assert.equal(page.items.length, 50);
  assert.equal(page.items[0]?.id, 'old-0');
  assert.equal(page.items[0]?.details, 'd0');
  assert.equal(page.items[0]?.requestId, null);
  const scan = await store.getScan('s1');
  assert.equal(scan?.target, 'x');

  await store.recordEvent({ action: 'scan', requestId: 'new' });
  const all = await store.queryEvents({}, { limit: 100 });
  assert.equal(all.items.length, 51);
  await store.close();
});

test('columns that another tool already added are not added twice', async () => {
  const dbPath = tempDbPath();
  createOldShapeDatabase(dbPath);
  const db = new Database(dbPath);
  db.exec(
    'ALTER TABLE audit_events ADD COLUMN run_id TEXT; ALTER TABLE audit_events ADD COLUMN trace_id TEXT',
  );
  db.close();

  const store = await openAuditStore({ path: dbPath });
  assert.equal(store.openReport.schemaVersion, migrationFiles.length);
  await store.close();
});

test('a database from a newer release is refused and left untouched', async () => {
  const dbPath = tempDbPath();
  const store = await openAuditStore({ path: dbPath });
  await store.close();
  const db = new Database(dbPath);
  db.prepare('INSERT INTO schema_version VALUES (?, ?)').run(
    999,
    '2030-01-01 00:00:00',
  );
  db.close();

  await assert.rejects(openAuditStore({ path: dbPath }), (error: Error) => {
    assert.equal((error as { code?: string }).code, 'SCHEMA_TOO_NEW');
    assert.match(error.message, /999/);
    return true;
  });
  const check = new Database(dbPath, { readonly: true });
  assert.equal(
    check.prepare('SELECT max(version) FROM schema_version').pluck().get(),
    999,
  );
  check.close();
});

test('two processes opening one new file at once both succeed; each migration runs once', async () => {
  const dbPath = tempDbPath();
  const children = [0, 1].map(() =>
    spawn(
      process.execPath,
      ['--import', 'tsx', 'test/fixtures/store-open-child.ts', dbPath],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    ),
  );
  const outputs = children.map((child) => collectLines(child.stdout));

  await Promise.all(outputs.map((lines) => lines.next));
  for (const child of children) child.stdin.write('go\n');
  const exits = await Promise.all(
    children.map(
      (child) =>
        new Promise<number | null>((resolve) => child.on('exit', resolve)),
    ),
  );
  assert.deepEqual(exits, [0, 0]);

  const reports = outputs.map(
    (lines) => JSON.parse(lines.all().at(-1) as string) as OpenReport,
  );
  const applied = reports
    .flatMap((report) => report.migrationsApplied)
    .sort((a, b) => a - b);
  assert.deepEqual(
    applied,
    migrationFiles.map((_, i) => i + 1),
  );

  const db = new Database(dbPath, { readonly: true });
  assert.equal(
    db.prepare('SELECT count(*) FROM schema_version').pluck().get(),
    migrationFiles.length,
  );
  assert.equal(
    db.prepare('SELECT count(*) FROM audit_events').pluck().get(),
    2,
  );
  db.close();
});

/** Lines of a stream; `next` resolves at the first line. */
function collectLines(stream: NodeJS.ReadableStream) {
  const lines: string[] = [];
  let buffer = '';
  let first: () => void;
  const next = new Promise<void>((resolve) => (first = resolve));
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
    if (lines.length > 0) first();
  });
  return { next, all: () => lines };
}
