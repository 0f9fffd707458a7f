import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';

import { SinkRig } from './fixtures/sink-rig.ts';
import {
  eventIds,
  FAST,
  healthRows,
  writeEvents,
} from './fixtures/sink-store.ts';

process.env['TEST_HEC_TOKEN'] = 'hec-token-1';

let rig: SinkRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

test('sends HEC events in batches of 50 with the Splunk token, the sourcetype and epoch time', async () => {
  rig = await SinkRig.start(
    'hec',
    { ...FAST, tokenEnv: 'TEST_HEC_TOKEN', index: 'audit', host: 'gw-7' },
    { token: 'hec-token-1' },
  );
  await writeEvents(rig.store, 120);
  await rig.settle();

  assert.deepEqual(rig.receiver.violations, []);
  assert.deepEqual(rig.watch.violations, []);
  assert.deepEqual(
    rig.receiver.requests.map((r) => r.ids.length),
    [50, 50, 20],
  );
  assert.deepEqual([...rig.receiver.accepted.keys()], eventIds(rig.dbPath));
  const [first] = rig.receiver.lines;
  assert.ok(first !== undefined);
  const event = first['event'] as Record<string, unknown>;
  assert.equal(first['sourcetype'], 'defenseclaw:audit');
  assert.equal(first['source'], 'defenseclaw-audit');
  assert.equal(first['index'], 'audit');
  assert.equal(first['host'], 'gw-7');
  assert.equal(first['time'], Date.parse(String(event['ts'])) / 1000);
});

test('a busy collector (503) is retried and the batch still arrives once', async () => {
  rig = await SinkRig.start(
    'hec',
    { ...FAST, tokenEnv: 'TEST_HEC_TOKEN', sourcetype: 'custom:audit' },
    { token: 'hec-token-1' },
  );
  rig.receiver.faults.push({ status: 503 });
  await writeEvents(rig.store, 10);
  await rig.settle();

  assert.deepEqual(
    healthRows(rig.dbPath, 'central').map((r) => [r.outcome, r.status_code]),
    [
      ['retrying', 503],
      ['delivered', 200],
    ],
  );
  assert.equal(rig.receiver.lines[0]?.['sourcetype'], 'custom:audit');
  assert.ok([...rig.receiver.accepted.values()].every((n) => n === 1));
  assert.equal(rig.receiver.accepted.size, 10);
  assert.deepEqual(rig.watch.violations, []);
});
