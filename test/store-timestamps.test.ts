import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';

import { openAuditStore } from '../src/index.ts';
import {
  canonicalTimestamp,
  formatCanonical,
} from '../src/worker/canonical-timestamp.ts';
import { tempDbPath } from './helpers/temp-dir.ts';
import { sqliteShell } from './helpers/sqlite-shell.ts';

const DOCUMENTED_QUERY =
  "SELECT severity, COUNT(*) FROM audit_events WHERE timestamp > datetime('now', '-1 day') AND action LIKE 'guardrail-%' GROUP BY severity;";

test('every accepted input form lands in one canonical UTC form', () => {
  const expected = '2026-03-04 05:06:07.089';
  for (const input of [
    '2026-03-04T05:06:07.089Z',
    '2026-03-04T07:06:07.089+02:00',
    '2026-03-04T00:06:07.089-0500',
    '2026-03-04 05:06:07.089',
    '2026-03-04T05:06:07.089123456Z',
    new Date(Date.UTC(2026, 2, 4, 5, 6, 7, 89)),
    Date.UTC(2026, 2, 4, 5, 6, 7, 89),
  ]) {
    assert.equal(
      canonicalTimestamp(input, 'timestamp'),
      expected,
      String(input),
    );
  }
  assert.equal(
    canonicalTimestamp('2026-03-04T05:06:07Z', 't'),
    '2026-03-04 05:06:07',
  );
  assert.throws(() => canonicalTimestamp('yesterday', 'timestamp'), {
    code: 'INVALID_INPUT',
    field: 'timestamp',
  });
});

test('canonical text sorts exactly as time does', () => {
  const times = Array.from({ length: 2000 }, (_, i) =>
    i % 3 === 0
      ? Date.UTC(2026, 0, 1) + Math.floor(i / 3) * 1000
      : Date.UTC(2000, 0, 1) + Math.floor(Math.random() * 1e12),
  );
  const byText = [...times].sort((a, b) =>
    formatCanonical(a) < formatCanonical(b)
      ? -1
      : formatCanonical(a) > formatCanonical(b)
        ? 1
        : 0,
  );
  assert.deepEqual(
    byText,
    [...times].sort((a, b) => a - b),
  );
});

test("comparisons with SQLite's datetime() are exact at the boundary", async () => {
  const dbPath = tempDbPath();
  const store = await openAuditStore({ path: dbPath });
  for (const timestamp of [
    '2026-12-02T11:59:59.999Z',
    '2026-12-02T12:00:00.000Z',
    '2026-12-02T12:00:00.001Z',
    '2026-12-02T12:00:01Z',
  ]) {
    await store.recordEvent({ action: 'guardrail-block', timestamp });
  }
  await store.close();

  const count = (op: string) =>
    sqliteShell(
      dbPath,
      `SELECT count(*) FROM audit_events WHERE timestamp ${op} datetime('2026-12-03 12:00:00', '-1 day');`,
    ).trim();
  assert.equal(count('>'), '2');
  assert.equal(count('>='), '3');
  assert.equal(count('='), '1');
});

test('the documented sqlite3 query counts exactly the last 24 hours while the store writes', async () => {
  const dbPath = tempDbPath();
  const store = await openAuditStore({ path: dbPath });
  const now = Date.now();
  const day = 24 * 3600 * 1000;
  await store.recordEvents([
    {
      action: 'guardrail-block',
      severity: 'HIGH',
      timestamp: now - day - 60_000,
    },
    {
      action: 'guardrail-block',
      severity: 'HIGH',
      timestamp: now - day + 60_000,
    },
    { action: 'guardrail-warn', severity: 'MEDIUM', timestamp: now - 1000 },
    { action: 'guardrail-warn', severity: 'MEDIUM', timestamp: now - 2 * day },
    { action: 'guardrail-allow', severity: 'INFO', timestamp: now - 5 },
    { action: 'scan', severity: 'HIGH', timestamp: now - 5 },
  ]);
  await store.close();

  const writer = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/fixtures/store-noise-writer.ts', dbPath],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  await once(writer.stdout, 'data');

  const rows = sqliteShell(dbPath, DOCUMENTED_QUERY).trim().split('\n').sort();
  writer.stdin.end();
  const [code] = await once(writer, 'exit');

  assert.deepEqual(rows, ['HIGH|1', 'INFO|1', 'MEDIUM|1']);
  assert.equal(code, 0);
  const noise = sqliteShell(
    dbPath,
    "SELECT count(*) > 0 FROM audit_events WHERE action = 'scan' AND target LIKE 'noise-%';",
  );
  assert.equal(noise.trim(), '1');
});
