import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import Database from 'better-sqlite3';

import {
  LineCollector,
  exitOf,
  runCli,
  sampleEvents,
  seedEvents,
  snapshotRows,
} from './fixtures/cli-harness.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

function rows(db: string, sql: string): Record<string, unknown>[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    conn.close();
  }
}

test('log-activity writes the activity row and the audit event that describes it, and says so on stderr', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(1));
  const payload = path.join(path.dirname(db), 'activity.json');
  fs.writeFileSync(
    payload,
    JSON.stringify({
      action: 'policy-update',
      actor: 'alice',
      target_type: 'policy',
      target_id: 'default',
      reason: 'block shell tools',
      before: { mode: 'warn' },
      after: { mode: 'block' },
      diff: [{ path: 'mode', op: 'replace', before: 'warn', after: 'block' }],
      version_from: 'v1',
      version_to: 'v2',
      severity: 'MEDIUM',
    }),
  );

  const { code, stdout, stderr } = await runCli([
    'log-activity',
    '--db',
    db,
    '--payload-file',
    payload,
  ]);

  assert.equal(code, 0, stderr);
  assert.equal(stdout, '');
  assert.match(
    stderr,
    /^recorded policy-update on policy:default: activity \S+, audit event \S+ in /,
  );
  const [activity] = rows(db, 'SELECT * FROM activity_events');
  assert.equal(activity?.['actor'], 'alice');
  assert.equal(activity?.['target_type'], 'policy');
  assert.equal(activity?.['before_json'], '{"mode":"warn"}');
  assert.equal(activity?.['version_to'], 'v2');
  const [event] = rows(
    db,
    "SELECT * FROM audit_events WHERE target = 'policy:default'",
  );
  assert.equal(event?.['action'], 'policy-update');
  assert.equal(event?.['severity'], 'MEDIUM');
  assert.equal(event?.['actor'], 'alice');
  assert.ok(
    String(event?.['structured_json']).includes(String(activity?.['id'])),
  );
});

test('log-activity reads the payload from stdin with -, fills the documented defaults, and prints ids with --json', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(1));

  const { code, stdout, stderr } = await runCli(
    ['log-activity', '--db', db, '--payload-file', '-', '--json'],
    { input: '{"reason": "rotate keys"}' },
  );

  assert.equal(code, 0, stderr);
  const ids = JSON.parse(stdout) as { activity_id: string; event_id: string };
  const [activity] = rows(db, 'SELECT * FROM activity_events');
  assert.equal(activity?.['id'], ids.activity_id);
  assert.equal(activity?.['action'], 'config-update');
  assert.equal(activity?.['actor'], 'cli');
  assert.equal(activity?.['target_type'], 'config');
  assert.equal(activity?.['target_id'], 'config.yaml');
  const [event] = rows(
    db,
    `SELECT * FROM audit_events WHERE id = '${ids.event_id}'`,
  );
  assert.equal(event?.['severity'], 'INFO');
  assert.equal(event?.['target'], 'config:config.yaml');
});

test('every bad payload is refused with exit 3, a message naming the problem, and the database unchanged', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(3));
  const before = snapshotRows(db);
  const cases: [string, RegExp][] = [
    ['{"action": "config-update",', /not valid JSON/],
    ['', /not valid JSON/],
    [
      '[{"action": "config-update"}]',
      /must hold one JSON object, not an array/,
    ],
    ['"config-update"', /must hold one JSON object, not a string/],
    ['{"action": "config-update", "colour": "red"}', /unknown field "colour"/],
    ['{"targetType": "policy"}', /unknown field "targetType"/],
    [
      '{"action": "make-coffee"}',
      /action: "make-coffee" is not a known audit action/,
    ],
    ['{"before": [1, 2]}', /before: expected a JSON object/],
    ['{"after": "mode=block"}', /after: expected a JSON object/],
    ['{"diff": {"path": "mode"}}', /diff: expected an array/],
    ['{"diff": [{"op": "replace"}]}', /diff\.0\.path: expected text/],
    ['{"target_type": 42}', /target_type: expected text/],
    ['{"severity": "SEVERE"}', /severity: "SEVERE" is not one of/],
  ];
  for (const [input, message] of cases) {
    const { code, stdout, stderr } = await runCli(
      ['log-activity', '--db', db, '--payload-file', '-'],
      { input },
    );
    assert.equal(code, 3, `${input}: ${stderr}`);
    assert.equal(stdout, '');
    assert.match(stderr, message, input);
    assert.match(stderr, /nothing was written\n$/);
    assert.equal(stderr.split('\n').length, 2, stderr);
  }
  assert.equal(snapshotRows(db), before);
});

test('a payload file that cannot be read exits 6 and writes nothing', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(1));
  const before = snapshotRows(db);

  const missing = path.join(path.dirname(db), 'no-such.json');
  const { code, stderr } = await runCli([
    'log-activity',
    '--db',
    db,
    '--payload-file',
    missing,
  ]);

  assert.equal(code, 6);
  assert.match(stderr, /cannot read .*no-such\.json/);
  assert.equal(snapshotRows(db), before);
});

test('log-activity without --payload-file is a usage error', async () => {
  const { code, stderr } = await runCli(['log-activity', '--db', tempDbPath()]);

  assert.equal(code, 2);
  assert.match(stderr, /--payload-file/);
});

test('a database locked by another process past --busy-timeout exits 5 and writes nothing', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(1));
  const before = snapshotRows(db);
  const holder = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/fixtures/cli-lock-holder.ts', db],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  await new LineCollector(holder.stdout).waitFor(
    (lines) => lines.includes('locked'),
    'the lock',
  );

  const { code, stderr } = await runCli(
    [
      'log-activity',
      '--db',
      db,
      '--payload-file',
      '-',
      '--busy-timeout',
      '200',
    ],
    { input: '{"reason": "while locked"}' },
  );
  holder.stdin.end();
  await exitOf(holder);

  assert.equal(code, 5, stderr);
  assert.match(
    stderr,
    /another process holds the lock; retry, or raise --busy-timeout/,
  );
  assert.equal(snapshotRows(db), before);
});
