import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';

import { SinkRig } from './fixtures/sink-rig.ts';
import {
  eventIds,
  eventually,
  FAST,
  healthRows,
  writeEvents,
} from './fixtures/sink-store.ts';

process.env['TEST_JSONL_TOKEN'] = 'jsonl-secret';

let rig: SinkRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function assertAllArrived(current: SinkRig, where = '1'): void {
  const missing = eventIds(current.dbPath, where).filter(
    (id) => !current.receiver.accepted.has(id),
  );
  assert.deepEqual(missing, [], 'every event arrives at least once');
  assert.deepEqual(current.watch.violations, []);
  assert.deepEqual(current.receiver.violations, []);
}

test('delivers every event as an NDJSON envelope with the bearer token, and the cursor reaches the last one', async () => {
  rig = await SinkRig.start(
    'jsonl',
    { ...FAST, batchSize: 7, bearerEnv: 'TEST_JSONL_TOKEN' },
    { token: 'jsonl-secret' },
  );
  await writeEvents(rig.store, 50, (i) => ({ requestId: `req-${i}` }));
  await rig.settle();

  assertAllArrived(rig);
  assert.ok([...rig.receiver.accepted.values()].every((n) => n === 1));
  const line = rig.receiver.lines.find(
    (l) => l['id'] === eventIds(rig!.dbPath)[3],
  );
  assert.ok(line !== undefined);
  assert.match(
    String(line['ts']),
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  );
  assert.equal(line['event_type'], 'tool-call');
  assert.equal(line['severity'], 'HIGH');
  assert.deepEqual(Object.keys(line).sort(), [
    'event_type',
    'id',
    'ids',
    'payload',
    'schema_version',
    'severity',
    'ts',
  ]);
  assert.equal((line['ids'] as Record<string, unknown>)['request_id'], 'req-3');
  assert.deepEqual((line['payload'] as Record<string, unknown>)['structured'], {
    index: 3,
    nested: { ok: true },
  });

  const rows = await eventually(
    'a health row for every batch',
    () => healthRows(rig!.dbPath, 'central'),
    (all) => all.reduce((sum, row) => sum + (row.batch_size ?? 0), 0) >= 50,
  );
  assert.ok(rows.every((row) => row.outcome === 'delivered'));
  assert.ok(
    rows.every(
      (row) => row.status_code === 200 && row.sink_kind === 'http_jsonl',
    ),
  );
  assert.equal(
    rows.reduce((sum, row) => sum + (row.batch_size ?? 0), 0),
    50,
  );
  assert.equal(rows.at(-1)?.queue_depth, 0);
  assert.ok(rows.every((row) => (row.latency_ms ?? -1) >= 0));
});

test('a 503 is retried no sooner than its Retry-After, then delivered', async () => {
  rig = await SinkRig.start('jsonl', { ...FAST });
  rig.receiver.faults.push({ status: 503, retryAfter: '1' });
  await writeEvents(rig.store, 5);
  await rig.settle();

  const [refused, retried] = rig.receiver.requests;
  assert.ok(refused !== undefined && retried !== undefined);
  assert.ok(
    retried.receivedAt - refused.receivedAt >= 990,
    `retried after ${retried.receivedAt - refused.receivedAt} ms`,
  );
  const outcomes = healthRows(rig.dbPath, 'central').map((r) => [
    r.outcome,
    r.status_code,
  ]);
  assert.deepEqual(outcomes, [
    ['retrying', 503],
    ['delivered', 200],
  ]);
  assertAllArrived(rig);
});

test('429, a reset connection and a slow answer are retried until every event arrived', async () => {
  rig = await SinkRig.start('jsonl', { ...FAST, timeoutMs: 150 });
  rig.receiver.faults.push({ status: 429 }, { reset: true }, { delayMs: 400 });
  await writeEvents(rig.store, 20);
  await rig.settle();

  const rows = healthRows(rig.dbPath, 'central');
  assert.deepEqual(
    rows.slice(0, 3).map((r) => r.outcome),
    ['retrying', 'retrying', 'retrying'],
  );
  assert.equal(rows[0]?.status_code, 429);
  assert.match(String(rows[1]?.error), /connection failed/);
  assert.match(String(rows[2]?.error), /no answer within 150 ms/);
  assert.equal(rows[0]?.queue_depth, 20);
  assert.equal(rows.at(-1)?.outcome, 'delivered');
  assertAllArrived(rig);
});

test('a 400 is not retried at once and holds the cursor until the receiver accepts the batch', async () => {
  rig = await SinkRig.start('jsonl', { ...FAST, flushIntervalMs: 300 });
  rig.receiver.faults.push({ status: 400 });
  await writeEvents(rig.store, 10);
  await rig.settle();

  const [refused, retried] = rig.receiver.requests;
  assert.ok(refused !== undefined && retried !== undefined);
  assert.ok(
    retried.receivedAt - refused.receivedAt >= 290,
    'waits a flush interval',
  );
  const rows = healthRows(rig.dbPath, 'central');
  assert.deepEqual(
    rows.map((r) => [r.outcome, r.status_code]),
    [
      ['failed', 400],
      ['delivered', 200],
    ],
  );
  assert.match(String(rows[0]?.error), /HTTP 400: .*injected 400/);
  assertAllArrived(rig);
});

test('events below min_severity or outside the action list are never sent, yet the cursor passes them', async () => {
  const owed = (row: { action: string; severity: string | null }): boolean =>
    ['HIGH', 'CRITICAL'].includes(row.severity ?? '') &&
    (row.action.startsWith('guardrail-') || row.action === 'block');
  rig = await SinkRig.start(
    'jsonl',
    {
      ...FAST,
      batchSize: 4,
      minSeverity: 'HIGH',
      actions: ['guardrail-*', 'block'],
    },
    { owed },
  );
  await writeEvents(rig.store, 60);
  await rig.settle();

  const expected = eventIds(
    rig.dbPath,
    "severity IN ('HIGH', 'CRITICAL') AND (action LIKE 'guardrail-%' OR action = 'block')",
  );
  assert.ok(expected.length > 0 && expected.length < 60);
  assert.deepEqual(
    [...rig.receiver.accepted.keys()].sort(),
    [...expected].sort(),
  );
  assert.deepEqual(rig.watch.violations, []);
});
