import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import Database from 'better-sqlite3';

import { openAuditStore } from '../src/index.ts';
import {
  LineCollector,
  databaseAtVersion,
  exitOf,
  parseLines,
  runCli,
  sampleEvents,
  seedEvents,
  startCli,
} from './fixtures/cli-harness.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

const AUDIT_KEYS = [
  'action',
  'actor',
  'agent_id',
  'agent_instance_id',
  'agent_name',
  'binary_version',
  'connector',
  'content_hash',
  'destination_app',
  'details',
  'generation',
  'id',
  'policy_id',
  'run_id',
  'schema_version',
  'session_id',
  'severity',
  'sidecar_instance_id',
  'span_id',
  'structured',
  'target',
  'timestamp',
  'tool_id',
  'tool_name',
  'trace_id',
];
const ACTIVITY_KEYS = [
  'action',
  'actor',
  'after',
  'before',
  'diff',
  'reason',
  'target_id',
  'target_type',
  'version_from',
  'version_to',
];
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Keys as they appear in the line's text, which is what consumers see. */
function keysInTextOrder(line: string): string[] {
  return Object.keys(JSON.parse(line) as object);
}

test('export writes one JSON object per line, every key present, keys in alphabetical order, oldest first', async () => {
  const db = tempDbPath();
  // Seeded newest first: the export must still come out oldest first.
  await seedEvents(db, sampleEvents(30).reverse());

  const { code, stdout, stderr } = await runCli(['export', '--db', db]);

  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  assert.ok(stdout.endsWith('\n'));
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, 30);
  for (const line of lines) {
    assert.deepEqual(keysInTextOrder(line), AUDIT_KEYS);
    const event = JSON.parse(line) as Record<string, unknown>;
    assert.match(String(event['timestamp']), RFC3339_UTC);
  }
  const ids = parseLines(stdout).map((event) => event['id']);
  assert.deepEqual(
    ids,
    sampleEvents(30).map((event) => event.id),
  );
});

test('export maps stored values to the export format', async () => {
  const db = tempDbPath();
  await seedEvents(db, [
    {
      id: 'full',
      timestamp: '2026-01-02T03:04:05.678Z',
      action: 'guardrail-block',
      actor: 'gateway',
      target: 'tool:shell',
      details: 'blocked rm -rf',
      severity: 'high',
      structured: { zeta: 1, alpha: { nested_b: true, nested_a: [1, 2] } },
      sessionId: 's1',
      traceId: 't1',
      spanId: 'sp1',
      agentId: 'a1',
      agentName: 'coder',
      toolName: 'shell',
      connector: 'claude',
      generation: 4,
    },
    {
      id: 'empty-actor',
      timestamp: '2026-01-02T03:04:06Z',
      action: 'scan',
      actor: '',
    },
  ]);

  const { code, stdout } = await runCli(['export', '--db', db]);

  assert.equal(code, 0);
  const [full, empty] = parseLines(stdout);
  assert.equal(full?.['timestamp'], '2026-01-02T03:04:05.678Z');
  assert.equal(full?.['severity'], 'HIGH');
  assert.equal(full?.['actor'], 'gateway');
  assert.equal(full?.['span_id'], 'sp1');
  assert.equal(full?.['generation'], 4);
  assert.equal(full?.['schema_version'], 7);
  assert.deepEqual(full?.['structured'], {
    alpha: { nested_a: [1, 2], nested_b: true },
    zeta: 1,
  });
  // Nested keys are sorted too, so identical rows give identical bytes.
  assert.match(
    stdout.split('\n')[0] ?? '',
    /"structured":\{"alpha":\{"nested_a":\[1,2\],"nested_b":true\},"zeta":1\}/,
  );
  assert.equal(empty?.['actor'], 'system:defenseclaw');
  assert.equal(empty?.['structured'], null);
  assert.equal(empty?.['target'], null);
});

test('export normalises rows written by other tools: ERROR becomes WARN, unknown severities INFO', async () => {
  const db = tempDbPath();
  await seedEvents(db, [
    { id: 'own', timestamp: '2026-01-01T00:00:00Z', action: 'scan' },
  ]);
  const raw = new Database(db);
  const insert = raw.prepare(
    'INSERT INTO audit_events (id, timestamp, action, actor, severity, structured_json) VALUES (?, ?, ?, ?, ?, ?)',
  );
  insert.run('error', '2026-01-01 00:00:01', 'scan', 'tool', 'ERROR', null);
  insert.run('odd', '2026-01-01 00:00:02', 'scan', '  ', 'SEVERE', 'not json');
  insert.run('none', '2026-01-01 00:00:03', 'scan', 'tool', null, '[1,2]');
  raw.close();

  const { code, stdout, stderr } = await runCli(['export', '--db', db]);

  assert.equal(code, 0, stderr);
  const byId = new Map(parseLines(stdout).map((event) => [event['id'], event]));
  assert.equal(byId.get('error')?.['severity'], 'WARN');
  assert.equal(byId.get('odd')?.['severity'], 'INFO');
  assert.equal(byId.get('odd')?.['actor'], 'system:defenseclaw');
  assert.equal(byId.get('odd')?.['structured'], null);
  assert.equal(byId.get('none')?.['severity'], 'INFO');
  assert.equal(byId.get('none')?.['structured'], null);
  assert.match(stderr, /2 events .* structured_json that is not a JSON object/);
});

test('--limit gives the earliest N, and --include-activity appends every activity row after them', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(20));
  const store = await openAuditStore({ path: db, readers: 1 });
  await store.recordActivity({
    action: 'policy-update',
    targetType: 'policy',
    targetId: 'default',
    before: { mode: 'warn' },
    after: { mode: 'block' },
    diff: [{ path: 'mode', op: 'replace', before: 'warn', after: 'block' }],
    reason: 'tighten',
  });
  await store.recordActivity({ reason: 'second change' });
  await store.close();

  const { code, stdout } = await runCli([
    'export',
    '--db',
    db,
    '--limit',
    '5',
    '--include-activity',
  ]);

  assert.equal(code, 0);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, 7);
  const audit = lines.slice(0, 5);
  const activity = lines.slice(5);
  audit.forEach((line) => assert.deepEqual(keysInTextOrder(line), AUDIT_KEYS));
  activity.forEach((line) =>
    assert.deepEqual(keysInTextOrder(line), ACTIVITY_KEYS),
  );
  assert.deepEqual(
    audit.map((line) => (JSON.parse(line) as { id: string }).id),
    sampleEvents(5).map((event) => event.id),
  );
  assert.deepEqual(JSON.parse(activity[0] ?? ''), {
    action: 'policy-update',
    actor: 'cli',
    after: { mode: 'block' },
    before: { mode: 'warn' },
    diff: [{ after: 'block', before: 'warn', op: 'replace', path: 'mode' }],
    reason: 'tighten',
    target_id: 'default',
    target_type: 'policy',
    version_from: null,
    version_to: null,
  });
  assert.equal(JSON.parse(activity[1] ?? '').target_id, 'config.yaml');
});

test('export reads page by page: thousands of rows come out complete and in order', async () => {
  const db = tempDbPath();
  const events = sampleEvents(2_600);
  await seedEvents(db, events);

  const all = await runCli(['export', '--db', db]);
  const limited = await runCli(['export', '--db', db, '--limit', '1500']);

  assert.equal(all.code, 0);
  assert.deepEqual(
    parseLines(all.stdout).map((e) => e['id']),
    events.map((e) => e.id),
  );
  assert.deepEqual(
    parseLines(limited.stdout).map((e) => e['id']),
    events.slice(0, 1500).map((e) => e.id),
  );
});

test('--output creates the file 0600 with the same lines as stdout, and never overwrites', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(10));
  const out = path.join(path.dirname(db), 'audit-events.jsonl');
  const toStdout = await runCli(['export', '--db', db]);

  const first = await runCli(['export', '--db', db, '-o', out]);
  const again = await runCli([
    'export',
    '--db',
    db,
    '--output',
    out,
    '--limit',
    '1',
  ]);

  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stdout, '');
  assert.equal(fs.statSync(out).mode & 0o777, 0o600);
  assert.equal(fs.readFileSync(out, 'utf8'), toStdout.stdout);
  assert.equal(again.code, 6);
  assert.match(
    again.stderr,
    /audit-events\.jsonl already exists .*never overwrites/,
  );
  assert.equal(again.stderr.trimEnd().split('\n').length, 1);
  assert.equal(fs.readFileSync(out, 'utf8'), toStdout.stdout);
});

test('export refuses to write through a symlink planted at the output path', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(3));
  const victim = path.join(path.dirname(db), 'victim.txt');
  const link = path.join(path.dirname(db), 'planted.jsonl');
  fs.writeFileSync(victim, 'keep me');
  fs.symlinkSync(victim, link);

  const { code } = await runCli(['export', '--db', db, '-o', link]);

  assert.equal(code, 6);
  assert.equal(fs.readFileSync(victim, 'utf8'), 'keep me');
});

test('--since, --until, --action and --severity filter the export', async () => {
  const db = tempDbPath();
  const now = Date.now();
  await seedEvents(db, [
    {
      id: 'old',
      timestamp: now - 3 * 86_400_000,
      action: 'guardrail-block',
      severity: 'CRITICAL',
    },
    {
      id: 'recent-block',
      timestamp: now - 3_600_000,
      action: 'guardrail-block',
      severity: 'HIGH',
    },
    {
      id: 'recent-allow',
      timestamp: now - 3_000_000,
      action: 'guardrail-allow',
      severity: 'LOW',
    },
    {
      id: 'recent-scan',
      timestamp: now - 2_000_000,
      action: 'scan',
      severity: 'CRITICAL',
    },
    {
      id: 'fixed',
      timestamp: '2026-01-02T00:00:00Z',
      action: 'scan',
      severity: 'INFO',
    },
  ]);
  const ids = async (...args: string[]) => {
    const result = await runCli(['export', '--db', db, ...args]);
    assert.equal(result.code, 0, result.stderr);
    return parseLines(result.stdout)
      .map((event) => event['id'])
      .sort();
  };

  assert.deepEqual(await ids('--since', '24h'), [
    'recent-allow',
    'recent-block',
    'recent-scan',
  ]);
  assert.deepEqual(await ids('--since', '2d', '--action', 'guardrail-*'), [
    'recent-allow',
    'recent-block',
  ]);
  assert.deepEqual(await ids('--action', 'guardrail-block'), [
    'old',
    'recent-block',
  ]);
  assert.deepEqual(await ids('--severity', 'high'), [
    'old',
    'recent-block',
    'recent-scan',
  ]);
  assert.deepEqual(
    await ids(
      '--since',
      '2026-01-01T00:00:00Z',
      '--until',
      '2026-01-02T00:00:01+00:00',
    ),
    ['fixed'],
  );
  assert.deepEqual(await ids('--until', '2026-01-02'), []);
});

test('bad flag values are usage errors (exit 2) that name the flag', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(1));
  const cases: [string[], RegExp][] = [
    [['--since', 'yesterday'], /--since/],
    [['--until', '12x'], /--until/],
    [['--limit', '-1'], /--limit/],
    [['--limit', 'ten'], /--limit/],
    [['--severity', 'severe'], /--severity/],
    [['--action', 'guard*rail'], /--action/],
    [
      ['--since', '1h', '--until', '2h'],
      /--since .* must be earlier than --until/,
    ],
    [['--no-such-flag'], /unknown option '--no-such-flag'/],
  ];
  for (const [args, message] of cases) {
    const { code, stdout, stderr } = await runCli([
      'export',
      '--db',
      db,
      ...args,
    ]);
    assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
    assert.equal(stdout, '');
    assert.match(stderr, message);
    assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
  }
});

test('a missing database exits 4 and creates neither the database nor the output file', async () => {
  const db = tempDbPath();
  const out = path.join(path.dirname(db), 'out.jsonl');

  const { code, stderr } = await runCli(['export', '--db', db, '-o', out]);

  assert.equal(code, 4);
  assert.match(
    stderr,
    /no audit database at .*--db PATH or set DEFENSECLAW_HOME/,
  );
  assert.equal(fs.existsSync(db), false);
  assert.equal(fs.existsSync(out), false);
});

test('the default database is $DEFENSECLAW_HOME/audit.db', async () => {
  const home = path.dirname(tempDbPath());
  await seedEvents(path.join(home, 'audit.db'), sampleEvents(2));

  const { code, stdout } = await runCli(['export'], {
    env: { DEFENSECLAW_HOME: home },
  });

  assert.equal(code, 0);
  assert.equal(parseLines(stdout).length, 2);
});

test(
  'export piped into a reader that stops early exits 0 without an error',
  { timeout: 120_000 },
  async () => {
    const db = tempDbPath();
    await seedEvents(db, sampleEvents(5_000));
    const child = startCli(['export', '--db', db]);
    let stderr = '';
    child.stderr
      ?.setEncoding('utf8')
      .on('data', (text: string) => (stderr += text));
    const lines = new LineCollector(child.stdout!);

    await lines.waitFor((got) => got.length >= 1, 'the first line');
    child.stdout?.destroy();

    assert.equal(await exitOf(child), 0);
    assert.equal(stderr, '');
  },
);

test(
  'export while another process inserts: complete, ordered, no duplicates, and it finishes',
  { timeout: 120_000 },
  async () => {
    const db = tempDbPath();
    // A minute apart from a day ago, so the last ones are stamped up to a
    // day ahead (a clock set wrong): the writer's new events sort before
    // them, and an export bounded by time alone would chase the writer.
    const seeded = sampleEvents(3_000, Date.now() - 86_400_000);
    await seedEvents(db, seeded);
    const writer = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/fixtures/cli-writer.ts', db, '0', '200'],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    const commits = new LineCollector(writer.stdout);
    await commits.waitFor(
      (got) => got.length >= 2,
      'the writer to commit twice',
    );
    const committedBefore = Number(commits.lines.at(-1)?.split(' ')[1]);

    const result = await runCli(['export', '--db', db]);
    const committedAfter = Number(commits.lines.at(-1)?.split(' ')[1]);
    writer.stdin.end();
    assert.equal(await exitOf(writer), 0);

    assert.equal(result.code, 0, result.stderr);
    const events = parseLines(result.stdout);
    const ids = events.map((event) => String(event['id']));
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    for (const event of seeded) assert.ok(ids.includes(event.id as string));
    const written = ids.filter((id) => id.startsWith('writer-')).length;
    assert.ok(
      written >= committedBefore,
      `${written} of the ${committedBefore} committed before`,
    );
    assert.ok(written <= committedAfter + 200);
    const times = events.map((event) => String(event['timestamp']));
    assert.deepEqual(times, [...times].sort());
  },
);

test(
  'an export interrupted by SIGTERM stops between pages and exits 130',
  { timeout: 120_000 },
  async () => {
    const db = tempDbPath();
    await seedEvents(db, sampleEvents(10_000));
    const child = startCli(['export', '--db', db]);
    let stderr = '';
    child.stderr
      ?.setEncoding('utf8')
      .on('data', (text: string) => (stderr += text));
    const stdout = child.stdout!;

    // Stop reading after the first chunk: the export then waits on a full
    // pipe, well before its last page, when the signal arrives.
    await once(stdout, 'data');
    stdout.pause();
    child.kill('SIGTERM');
    let rest = '';
    stdout.setEncoding('utf8').on('data', (text: string) => (rest += text));
    stdout.resume();

    assert.equal(await exitOf(child), 130);
    assert.match(stderr, /interrupted; export incomplete/);
    assert.ok(rest.split('\n').length < 10_000);
  },
);

test('export reads a database an older release left behind, before the activity table existed', async () => {
  const db = tempDbPath();
  databaseAtVersion(db, 3);
  const raw = new Database(db);
  raw
    .prepare(
      "INSERT INTO audit_events (id, timestamp, action, actor, severity) VALUES ('legacy', '2025-06-01 12:00:00', 'scan', 'defenseclaw', 'INFO')",
    )
    .run();
  raw.close();

  const { code, stdout, stderr } = await runCli([
    'export',
    '--db',
    db,
    '--include-activity',
  ]);

  assert.equal(code, 0, stderr);
  const [event] = parseLines(stdout);
  assert.equal(parseLines(stdout).length, 1);
  assert.equal(event?.['id'], 'legacy');
  assert.equal(event?.['timestamp'], '2025-06-01T12:00:00.000Z');
  assert.equal(event?.['tool_name'], null);
});
