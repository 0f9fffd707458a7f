import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  parseLines,
  runCli,
  sampleEvents,
  seedEvents,
} from './fixtures/cli-harness.ts';
import { sqliteShell } from './helpers/sqlite-shell.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

test('query prints a table with a header and one row per matching event', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(20));

  const { code, stdout, stderr } = await runCli([
    'query',
    '--db',
    db,
    '--action',
    'guardrail-block',
  ]);

  assert.equal(code, 0, stderr);
  const [header, ...rows] = stdout.trimEnd().split('\n');
  assert.match(
    header ?? '',
    /^TIME\s+SEVERITY\s+ACTION\s+ACTOR\s+TARGET\s+DETAILS$/,
  );
  assert.equal(rows.length, 4);
  for (const row of rows) assert.match(row, /\bguardrail-block\b/);
  assert.doesNotMatch(
    stdout,
    /\u001b\[/,
    'no colour when stdout is not a terminal',
  );
});

test('query shows control characters in stored text as escapes, never raw', async () => {
  const db = tempDbPath();
  await seedEvents(db, [
    { action: 'alert', details: 'line one\nFAKE ROW \u001b[31mred\u001b[0m' },
  ]);

  const { code, stdout } = await runCli(['query', '--db', db]);

  assert.equal(code, 0);
  assert.equal(stdout.trimEnd().split('\n').length, 2);
  assert.doesNotMatch(stdout, /\u001b/);
  assert.match(stdout, /line one\\u000aFAKE ROW \\u001b\[31mred/);
});

test('query --json gives export lines; --limit, --newest-first and a note when more match', async () => {
  const db = tempDbPath();
  const events = sampleEvents(12);
  await seedEvents(db, events);

  const { code, stdout, stderr } = await runCli([
    'query',
    '--db',
    db,
    '--json',
    '--limit',
    '3',
    '--newest-first',
  ]);

  assert.equal(code, 0);
  assert.deepEqual(
    parseLines(stdout).map((event) => event['id']),
    events
      .slice(-3)
      .reverse()
      .map((event) => event.id),
  );
  assert.match(stderr, /more events match; showing 3/);
});

test('query with no match prints nothing on stdout and exits 0', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(3));

  const { code, stdout, stderr } = await runCli([
    'query',
    '--db',
    db,
    '--session-id',
    'nobody',
  ]);

  assert.equal(code, 0);
  assert.equal(stdout, '');
  assert.match(stderr, /no events match/);
});

test('stats counts by severity and by action over the last 24 hours, as the documented sqlite3 query does', async () => {
  const db = tempDbPath();
  const now = Date.now();
  await seedEvents(db, [
    ...sampleEvents(40, now - 40 * 60_000),
    {
      id: 'two-days-old',
      timestamp: now - 2 * 86_400_000,
      action: 'scan',
      severity: 'CRITICAL',
    },
  ]);

  const { code, stdout, stderr } = await runCli([
    'stats',
    '--db',
    db,
    '--json',
  ]);

  assert.equal(code, 0, stderr);
  const stats = JSON.parse(stdout) as {
    total: number;
    by_severity: { severity: string; count: number }[];
    by_action: { action: string; count: number }[];
  };
  const expected = sqliteShell(
    db,
    "SELECT severity, COUNT(*) FROM audit_events WHERE timestamp > datetime('now', '-1 day') GROUP BY severity ORDER BY severity",
  );
  assert.equal(
    stats.by_severity
      .map((row) => `${row.severity}|${row.count}`)
      .sort()
      .join('\n'),
    expected.trim(),
  );
  assert.deepEqual(
    stats.by_severity.map((row) => row.severity),
    ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'],
  );
  assert.equal(stats.total, 40);
  assert.deepEqual(
    Object.fromEntries(stats.by_action.map((row) => [row.action, row.count])),
    {
      scan: 8,
      'guardrail-block': 8,
      'guardrail-allow': 8,
      'egress-block': 8,
      alert: 8,
    },
  );
});

test('stats takes --all, an exact --action or a prefix, and prints a readable report', async () => {
  const db = tempDbPath();
  const now = Date.now();
  await seedEvents(db, [
    ...sampleEvents(10, now - 20 * 60_000),
    {
      id: 'old',
      timestamp: now - 30 * 86_400_000,
      action: 'guardrail-block',
      severity: 'HIGH',
    },
  ]);
  const total = async (...args: string[]) => {
    const result = await runCli(['stats', '--db', db, '--json', ...args]);
    assert.equal(result.code, 0, result.stderr);
    return (JSON.parse(result.stdout) as { total: number }).total;
  };

  assert.equal(await total('--all'), 11);
  assert.equal(await total('--until', '2099-01-01'), 11);
  assert.equal(await total('--all', '--action', 'guardrail-block'), 3);
  assert.equal(await total('--action', 'guardrail-*'), 4);
  assert.equal(await total('--since', '7d', '--action', 'guardrail-allow'), 2);

  const text = await runCli(['stats', '--db', db]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /^10 audit events, since \d{4}-\d{2}-\d{2}T/);
  assert.match(text.stdout, /SEVERITY\s+EVENTS\nCRITICAL\s+2\n/);
  assert.match(text.stdout, /ACTION\s+EVENTS\n/);

  const conflict = await runCli([
    'stats',
    '--db',
    db,
    '--all',
    '--since',
    '1h',
  ]);
  assert.equal(conflict.code, 2);
});
