import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openAuditStore, type AuditStore } from '../src/index.ts';
import { peek } from './helpers/peek-database.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

let store: AuditStore;
const dbPath = tempDbPath();

before(async () => {
  store = await openAuditStore({
    path: dbPath,
    runId: 'run-1',
    provenance: {
      binaryVersion: '1.2.3',
      contentHash: 'ab'.repeat(32),
      generation: 4,
    },
  });
});
after(() => store.close());

function row(sql: string, ...params: unknown[]): Record<string, unknown> {
  return peek(dbPath, sql, ...params);
}

test('an event gets a time-ordered UUIDv7 id, a UTC timestamp, the default actor and run id', async () => {
  const before = Date.now();
  const id = await store.recordEvent({ action: 'scan', target: 'skill:web' });
  const stored = row('SELECT * FROM audit_events WHERE id = ?', id);

  assert.match(
    id,
    /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  assert.equal(stored['actor'], 'defenseclaw');
  assert.equal(stored['run_id'], 'run-1');
  assert.equal(stored['severity'], 'INFO');
  assert.equal(stored['schema_version'], 7);
  assert.equal(stored['binary_version'], '1.2.3');
  assert.equal(stored['generation'], 4);
  assert.match(
    String(stored['timestamp']),
    /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{3})?$/,
  );
  const ms = Date.parse(`${String(stored['timestamp']).replace(' ', 'T')}Z`);
  assert.ok(ms >= before - 1 && ms <= Date.now());
});

test('given fields are kept; severities are normalised; structured is stored as JSON', async () => {
  const id = await store.recordEvent({
    id: 'evt-given',
    timestamp: '2026-05-01T10:00:00+02:00',
    action: 'guardrail-block',
    actor: 'agent:x',
    severity: 'high',
    structured: { rule: 'r1', score: 0.9 },
    enforced: true,
    stepIdx: 3,
    requestId: 'req-1',
  });
  const stored = row('SELECT * FROM audit_events WHERE id = ?', id);

  assert.equal(id, 'evt-given');
  assert.equal(stored['timestamp'], '2026-05-01 08:00:00');
  assert.equal(stored['severity'], 'HIGH');
  assert.deepEqual(JSON.parse(String(stored['structured_json'])), {
    rule: 'r1',
    score: 0.9,
  });
  assert.equal(stored['enforced'], 1);
  assert.equal(stored['step_idx'], 3);
});

test('recordEvents commits a batch atomically and refuses it whole when one item is bad', async () => {
  const ids = await store.recordEvents([
    { action: 'scan', target: 'a' },
    { action: 'scan', target: 'b' },
  ]);
  assert.equal(ids.length, 2);

  await assert.rejects(
    store.recordEvents([
      { action: 'scan', target: 'c', id: 'batch-c' },
      { action: 'no-such-action' },
    ]),
    { code: 'INVALID_INPUT', field: 'events.1.action' },
  );
  assert.equal(
    row("SELECT count(*) AS n FROM audit_events WHERE id = 'batch-c'")['n'],
    0,
  );
});

test('an activity writes its row and a describing audit event together', async () => {
  const { activityId, eventId } = await store.recordActivity({
    actor: 'alice',
    targetType: 'policy',
    targetId: 'default',
    reason: 'tighten egress',
    before: { mode: 'warn' },
    after: { mode: 'block' },
    diff: [{ path: 'mode', op: 'replace', before: 'warn', after: 'block' }],
    versionFrom: '1',
    versionTo: '2',
    severity: 'MEDIUM',
  });
  const activity = row(
    'SELECT * FROM activity_events WHERE id = ?',
    activityId,
  );
  const event = row('SELECT * FROM audit_events WHERE id = ?', eventId);

  assert.equal(activity['action'], 'config-update');
  assert.equal(activity['actor'], 'alice');
  assert.deepEqual(JSON.parse(String(activity['after_json'])), {
    mode: 'block',
  });
  assert.equal(event['target'], 'policy:default');
  assert.equal(event['severity'], 'MEDIUM');
  assert.equal(event['action'], 'config-update');
  assert.equal(
    JSON.parse(String(event['structured_json'])).activity_id,
    activityId,
  );
});

test('an activity with a non-object before is refused and writes nothing', async () => {
  const count = () => row('SELECT count(*) AS n FROM activity_events')['n'];
  const was = count();
  await assert.rejects(store.recordActivity({ before: [1, 2] as never }), {
    code: 'INVALID_INPUT',
    field: 'before',
  });
  assert.equal(count(), was);
});

test('a scan writes its findings to findings and scan_findings in one go', async () => {
  const scanId = await store.recordScan({
    scanner: 'skill-scanner',
    target: '/skills/web',
    durationMs: 12,
    findings: [
      { severity: 'LOW', title: 'weak hash', ruleId: 'R1', tags: ['crypto'] },
      {
        severity: 'critical',
        title: 'shell exec',
        lineNumber: 7,
        confidence: 0.8,
      },
    ],
  });
  const scan = row('SELECT * FROM scan_results WHERE id = ?', scanId);
  assert.equal(scan['finding_count'], 2);
  assert.equal(scan['max_severity'], 'CRITICAL');
  assert.equal(
    row('SELECT count(*) AS n FROM findings WHERE scan_id = ?', scanId)['n'],
    2,
  );

  const detailed = row(
    "SELECT * FROM scan_findings WHERE scan_id = ? AND rule_id = 'R1'",
    scanId,
  );
  assert.equal(detailed['target'], '/skills/web');
  assert.equal(detailed['scanner'], 'skill-scanner');
  assert.deepEqual(JSON.parse(String(detailed['tags'])), ['crypto']);

  const read = await store.getScan(scanId);
  assert.equal(read?.findings.length, 2);
});

test('a scan with one bad finding is refused whole', async () => {
  await assert.rejects(
    store.recordScan({
      id: 'scan-bad',
      scanner: 's',
      target: 't',
      findings: [
        { severity: 'LOW', title: 'ok' },
        { severity: 'LOUD' as never, title: 'x' },
      ],
    }),
    { code: 'INVALID_INPUT', field: 'findings.1.severity' },
  );
  assert.equal(
    row("SELECT count(*) AS n FROM scan_results WHERE id = 'scan-bad'")['n'],
    0,
  );
});

test('egress events default to INFO and not blocked', async () => {
  const id = await store.recordEgress({
    hostname: 'api.example.com',
    policyOutcome: 'allow',
  });
  const stored = row('SELECT * FROM network_egress_events WHERE id = ?', id);
  assert.equal(stored['blocked'], 0);
  assert.equal(stored['severity'], 'INFO');

  const page = await store.queryEgress({ hostname: 'api.example.com' });
  assert.equal(page.items[0]?.blocked, false);
});

test('judge responses over 64 KiB are cut on a character boundary with a marker', async () => {
  const raw = 'é'.repeat(40_000);
  const id = await store.recordJudgeResponse({ kind: 'pii', rawResponse: raw });
  const stored = String(
    row('SELECT raw_response FROM judge_responses WHERE id = ?', id)[
      'raw_response'
    ],
  );

  const [kept, marker] = stored.split('…');
  assert.equal(Buffer.byteLength(kept as string), 64 * 1024);
  assert.equal(kept, 'é'.repeat(32 * 1024));
  assert.equal(marker, `[truncated ${80_000 - 64 * 1024} bytes]`);
  assert.equal(
    row(
      'SELECT fail_closed_applied AS f FROM judge_responses WHERE id = ?',
      id,
    )['f'],
    0,
  );
});

test('target snapshots are upserts on (target_type, target_path)', async () => {
  const first = await store.saveTargetSnapshot({
    targetType: 'skill',
    targetPath: '/s/a',
    contentHash: 'h1',
  });
  const second = await store.saveTargetSnapshot({
    targetType: 'skill',
    targetPath: '/s/a',
    contentHash: 'h2',
    networkEndpoints: ['api.example.com'],
  });
  const stored = row(
    "SELECT count(*) AS n, max(content_hash) AS h FROM target_snapshots WHERE target_path = '/s/a'",
  );
  assert.equal(stored['n'], 1);
  assert.equal(stored['h'], 'h2');
  assert.equal(second, first);
  assert.equal(
    row('SELECT content_hash AS h FROM target_snapshots WHERE id = ?', second)[
      'h'
    ],
    'h2',
  );
});

test('sink health rows accept only known outcomes', async () => {
  const id = await store.recordSinkHealth({
    sinkName: 'central',
    sinkKind: 'http_jsonl',
    outcome: 'delivered',
    statusCode: 200,
    batchSize: 10,
    queueDepth: 0,
  });
  assert.equal(
    row('SELECT outcome FROM sink_health WHERE id = ?', id)['outcome'],
    'delivered',
  );
  await assert.rejects(
    store.recordSinkHealth({
      sinkName: 'c',
      sinkKind: 'k',
      outcome: 'queued' as never,
    }),
    { code: 'INVALID_INPUT', field: 'outcome' },
  );
});

test('values JSON would silently change are refused, naming their path', async () => {
  const cases: [object, string][] = [
    [{ score: Number.NaN }, 'structured.score'],
    [{ at: new Date() }, 'structured.at'],
    [{ seen: new Map([['a', 1]]) }, 'structured.seen'],
    [{ list: [1, undefined, 3] }, 'structured.list.1'],
    [{ deep: { ratio: Infinity } }, 'structured.deep.ratio'],
  ];
  for (const [structured, field] of cases) {
    await assert.rejects(
      store.recordEvent({
        id: 'json-bad',
        action: 'scan',
        structured,
      } as never),
      { code: 'INVALID_INPUT', field },
    );
  }
  assert.equal(
    row("SELECT count(*) AS n FROM audit_events WHERE id = 'json-bad'")['n'],
    0,
  );

  const id = await store.recordEvent({
    action: 'scan',
    structured: { kept: 1, dropped: undefined, nested: [{ a: null }] } as never,
  });
  const stored = row(
    'SELECT structured_json FROM audit_events WHERE id = ?',
    id,
  );
  assert.equal(stored['structured_json'], '{"kept":1,"nested":[{"a":null}]}');
});
