import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import Database from 'better-sqlite3';

import {
  databaseAtVersion,
  runCli,
  sampleEvents,
  seedEvents,
} from './fixtures/cli-harness.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

interface DoctorReport {
  database: string;
  healthy: boolean;
  checks: { name: string; status: string; detail: string }[];
}

function check(report: DoctorReport, name: string) {
  const found = report.checks.find((entry) => entry.name === name);
  assert.ok(found, `no ${name} check in ${JSON.stringify(report)}`);
  return found;
}

test('doctor passes a healthy store, exits 0, and leaves the file untouched', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(25));
  const before = fs.statSync(db);

  const text = await runCli(['doctor', '--db', db]);
  const json = await runCli(['doctor', '--db', db, '--json']);

  assert.equal(text.code, 0, text.stdout + text.stderr);
  assert.equal(text.stderr, '');
  assert.match(text.stdout, /^ok\s+integrity\s+quick_check ok$/m);
  assert.match(
    text.stdout,
    /^ok\s+contents\s+25 audit events, 0 activity rows$/m,
  );
  const report = JSON.parse(json.stdout) as DoctorReport;
  assert.equal(report.healthy, true);
  assert.match(check(report, 'schema').detail, /^version 12, up to date$/);
  assert.equal(check(report, 'journal').status, 'ok');
  assert.equal(check(report, 'wal').status, 'ok');
  assert.ok(report.checks.every((entry) => entry.status === 'ok'));
  assert.equal(fs.statSync(db).mtimeMs, before.mtimeMs);
});

test('doctor flags a database file others can read and exits 7', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(1));
  fs.chmodSync(db, 0o644);

  const { code, stdout, stderr } = await runCli(['doctor', '--db', db]);

  assert.equal(code, 7);
  assert.match(
    stdout,
    new RegExp(`^WARN\\s+file mode\\s+0644 ${db}: .*chmod 600`, 'm'),
  );
  assert.match(stderr, /1 problem found in .*: file mode\n$/);
});

test('doctor flags a folder others can enter', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(1));
  fs.chmodSync(path.dirname(db), 0o755);

  const { code, stdout } = await runCli(['doctor', '--db', db, '--json']);

  assert.equal(code, 7);
  const report = JSON.parse(stdout) as DoctorReport;
  assert.equal(check(report, 'folder mode').status, 'warn');
  assert.match(check(report, 'folder mode').detail, /chmod 700/);
});

test('doctor lists pending migrations without applying them', async () => {
  const db = tempDbPath();
  databaseAtVersion(db, 5);

  const { code, stdout } = await runCli(['doctor', '--db', db, '--json']);

  assert.equal(code, 7);
  const schema = check(JSON.parse(stdout) as DoctorReport, 'schema');
  assert.equal(schema.status, 'warn');
  assert.match(
    schema.detail,
    new RegExp(
      '^version 5 of 12; pending migrations: 6 network_egress, ' +
        '7 target_snapshots, .*11 sink_cursors, 12 severity_covering',
    ),
  );
  const conn = new Database(db, { readonly: true });
  assert.equal(
    conn.prepare('SELECT max(version) FROM schema_version').pluck().get(),
    5,
  );
  conn.close();
});

test('doctor fails a schema newer than this release', async () => {
  const db = tempDbPath();
  databaseAtVersion(db, 12);
  const conn = new Database(db);
  conn.prepare("INSERT INTO schema_version VALUES (13, datetime('now'))").run();
  conn.close();

  const { code, stdout } = await runCli(['doctor', '--db', db, '--json']);

  assert.equal(code, 7);
  const schema = check(JSON.parse(stdout) as DoctorReport, 'schema');
  assert.equal(schema.status, 'fail');
  assert.match(schema.detail, /newer than the 12 this release knows/);
});

test('doctor fails a file that is not a database', async () => {
  const db = tempDbPath();
  fs.writeFileSync(db, Buffer.alloc(8192, 0x5a), { mode: 0o600 });

  const { code, stdout } = await runCli(['doctor', '--db', db, '--json']);

  assert.equal(code, 7);
  const report = JSON.parse(stdout) as DoctorReport;
  assert.equal(report.healthy, false);
  assert.ok(
    report.checks.some(
      (entry) => entry.status === 'fail' && /not a database/.test(entry.detail),
    ),
  );
});

test('doctor on a missing database exits 4', async () => {
  const { code, stderr } = await runCli(['doctor', '--db', tempDbPath()]);

  assert.equal(code, 4);
  assert.match(stderr, /no audit database at/);
});
