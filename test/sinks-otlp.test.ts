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

let rig: SinkRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

interface LogRecord {
  severityNumber: number;
  traceId?: string;
  spanId?: string;
  body: { stringValue: string };
  attributes: { key: string; value: Record<string, unknown> }[];
}

function records(current: SinkRig): LogRecord[] {
  return current.receiver.bodies.flatMap((body) =>
    (
      body as { resourceLogs: { scopeLogs: { logRecords: LogRecord[] }[] }[] }
    ).resourceLogs.flatMap((r) => r.scopeLogs.flatMap((s) => s.logRecords)),
  );
}

function attribute(
  record: LogRecord,
  key: string,
): Record<string, unknown> | undefined {
  return record.attributes.find((a) => a.key === key)?.value;
}

test('every request follows the OTLP JSON mapping: audit.* attributes, severity numbers, W3C ids only in traceId', async () => {
  rig = await SinkRig.start('otlp', { ...FAST, batchSize: 8 });
  const traceId = '4BF92F3577B34DA6A3CE929D0E0E4736';
  await writeEvents(rig.store, 30, (i) => ({
    traceId: i % 2 === 0 ? traceId : `not-hex-${i}`,
    spanId: '00f067aa0ba902b7',
    stepIdx: i,
    enforced: i % 3 === 0,
  }));
  await rig.settle();

  assert.deepEqual(rig.receiver.violations, []);
  assert.deepEqual(rig.watch.violations, []);
  const all = records(rig);
  assert.equal(all.length, 30);
  const byIndex = (i: number): LogRecord => {
    const id = eventIds(rig!.dbPath)[i];
    const found = all.find(
      (r) => attribute(r, 'audit.id')?.['stringValue'] === id,
    );
    assert.ok(found !== undefined, `record of event ${i}`);
    return found;
  };
  const even = byIndex(4);
  assert.equal(even.traceId, traceId.toLowerCase());
  assert.equal(even.spanId, '00f067aa0ba902b7');
  assert.deepEqual(attribute(even, 'audit.step_idx'), { intValue: '4' });
  assert.deepEqual(attribute(even, 'audit.structured'), {
    stringValue: JSON.stringify({ index: 4, nested: { ok: true } }),
  });
  assert.equal(even.body.stringValue, 'event 4');
  const odd = byIndex(3);
  assert.equal(odd.traceId, undefined);
  assert.deepEqual(attribute(odd, 'audit.trace_id'), {
    stringValue: 'not-hex-3',
  });
  assert.deepEqual(attribute(byIndex(3), 'audit.enforced'), {
    boolValue: true,
  });
  assert.equal(byIndex(4).severityNumber, 21, 'CRITICAL maps to FATAL');
});

test('a partial success is counted in sink_health and its refused records are not sent again', async () => {
  rig = await SinkRig.start(
    'otlp',
    { ...FAST, batchSize: 5 },
    { refusedCountsAsTaken: true },
  );
  rig.receiver.faults.push({ rejectFirst: 2 });
  await writeEvents(rig.store, 12);
  await rig.settle();

  const rows = await eventually(
    'three health rows',
    () => healthRows(rig!.dbPath, 'central'),
    (all) => all.length >= 3,
  );
  assert.equal(rows[0]?.outcome, 'partial');
  assert.equal(rows[0]?.dropped_count, 2);
  assert.equal(rows[0]?.error, 'injected rejection');
  assert.ok(rows.slice(1).every((r) => r.outcome === 'delivered'));
  assert.equal(rig.receiver.refused.size, 2);
  for (const id of rig.receiver.refused) {
    assert.equal(
      rig.receiver.accepted.has(id),
      false,
      'refused records stay refused',
    );
  }
  assert.equal(rig.receiver.accepted.size, 10);
  assert.deepEqual(rig.watch.violations, []);
});

test('a collector answering 502 is retried until it takes the batch', async () => {
  rig = await SinkRig.start('otlp', { ...FAST });
  rig.receiver.faults.push({ status: 502 }, { status: 502 });
  await writeEvents(rig.store, 3);
  await rig.settle();

  const outcomes = healthRows(rig.dbPath, 'central').map((r) => r.outcome);
  assert.deepEqual(outcomes.slice(0, 2), ['retrying', 'retrying']);
  assert.equal(rig.receiver.accepted.size, 3);
  assert.deepEqual(rig.watch.violations, []);
});
