import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, test } from 'node:test';

import { SinkRig } from './fixtures/sink-rig.ts';
import {
  eventIds,
  eventually,
  FAST,
  healthRows,
  readRows,
  writeEvents,
} from './fixtures/sink-store.ts';

let rig: SinkRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function sinkEvents(dbPath: string, action: string): { id: string }[] {
  return readRows(
    dbPath,
    'SELECT id FROM audit_events WHERE action = ?',
    action,
  );
}

test('five failures in a row open the breaker: one sink-failure, one probe per pause, sink-restored on recovery', async () => {
  rig = await SinkRig.start('jsonl', { ...FAST, breakerOpenMs: 600 });
  for (let i = 0; i < 7; i++) rig.receiver.faults.push({ status: 503 });
  await writeEvents(rig.store, 10);
  await rig.settle();

  const outcomes = healthRows(rig.dbPath, 'central').map((r) => r.outcome);
  assert.deepEqual(outcomes.slice(0, 8), [
    ...Array<string>(4).fill('retrying'),
    'breaker-open',
    'breaker-open',
    'breaker-open',
    'delivered',
  ]);
  const at = rig.receiver.requests.map((r) => r.receivedAt);
  const gaps = at.slice(1).map((t, i) => t - (at[i] ?? 0));
  assert.ok(
    gaps.slice(0, 4).every((gap) => gap < 590),
    `fast retries: ${gaps}`,
  );
  assert.ok(
    gaps.slice(4, 7).every((gap) => gap >= 590),
    `open pauses: ${gaps}`,
  );

  const failures = sinkEvents(rig.dbPath, 'sink-failure');
  const restored = sinkEvents(rig.dbPath, 'sink-restored');
  assert.equal(failures.length, 1);
  assert.equal(restored.length, 1);
  // The outage is itself on record, and reaches the receiver once it is back.
  assert.ok(rig.receiver.accepted.has(failures[0]!.id));
  assert.ok(rig.receiver.accepted.has(restored[0]!.id));
  assert.deepEqual(
    eventIds(rig.dbPath).filter((id) => !rig!.receiver.accepted.has(id)),
    [],
  );
  assert.deepEqual(rig.watch.violations, []);
});

test('close() during an open breaker returns at once instead of waiting out the pause', async () => {
  rig = await SinkRig.start('jsonl', { ...FAST, breakerOpenMs: 60_000 });
  for (let i = 0; i < 5; i++) rig.receiver.faults.push({ status: 503 });
  await writeEvents(rig.store, 3);
  await eventually(
    'the breaker to open',
    () => rig!.store.sinks?.status()[0]?.breaker,
    (state) => state === 'open',
  );

  const started = Date.now();
  await rig.store.close();
  assert.ok(
    Date.now() - started < 2000,
    `closed in ${Date.now() - started} ms`,
  );
  assert.equal(rig.watch.position(), 0, 'nothing was accepted');
});

test('a receiver down for a while leaves its backlog in the store, and all of it arrives once it is back', async () => {
  const port = await freePort();
  rig = await SinkRig.start('jsonl', {
    ...FAST,
    url: `http://127.0.0.1:${port}/ingest`,
    batchSize: 500,
    breakerOpenMs: 100,
  });
  await writeEvents(rig.store, 3000);
  const down = await eventually(
    'the breaker to open on refused connections',
    () => rig!.store.sinks?.status()[0],
    (status) =>
      status?.breaker !== 'closed' && (status?.queueDepth ?? 0) >= 3000,
  );
  assert.match(String(down?.lastError), /connection failed: ECONNREFUSED/);

  const proxy = await forwardTo(port, rig.receiver.url);
  try {
    await rig.settle(20_000);
  } finally {
    await new Promise((resolve) => proxy.close(resolve));
  }
  assert.equal(
    rig.receiver.accepted.size,
    3000 + 2,
    'events plus the outage pair',
  );
  // The loop learns of its last commit a moment after the file shows it.
  await eventually(
    'the loop to see an empty queue',
    () => rig!.store.sinks?.status()[0]?.queueDepth,
    (depth) => depth === 0,
  );
  assert.deepEqual(rig.watch.violations, []);
});

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Brings the receiver up on the port the sink was told about. */
async function forwardTo(port: number, target: string): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': String(req.headers['content-type']) },
      body: Buffer.concat(chunks),
    });
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(await answer.text());
  });
  await new Promise<void>((resolve) =>
    server.listen(port, '127.0.0.1', resolve),
  );
  return server;
}
