import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { AuditError, openAuditStore, type AuditStore } from '../src/index.ts';
import { countRows, integrityCheck } from './fixtures/reliability-ids.ts';
import { tempDir } from './helpers/temp-dir.ts';

/**
 * Many producers for a while, with readers querying nonstop. CI runs
 * LOAD_SECONDS (default 15); `npm run soak` runs minutes.
 */
const SECONDS = Number(process.env['LOAD_SECONDS'] ?? 15);
const PRODUCERS = 300;
const MAX_PENDING = 128;
const WAL_LIMIT = 4 << 20;

interface Figures {
  issued: number;
  resolved: number;
  queueFull: number;
  latencies: number[];
  maxPending: number;
  maxWal: number;
  maxHeap: number;
  heapAfterWarmup: number;
  reads: number;
}

async function produce(
  store: AuditStore,
  id: number,
  until: number,
  f: Figures,
) {
  for (let seq = 0; performance.now() < until; seq++) {
    const started = performance.now();
    f.issued++;
    await store.recordEvent({
      id: `p${id}-${seq}`,
      action: 'tool-call',
      requestId: `req-${id}-${seq}`,
      details: 'x'.repeat(200 + (seq % 800)),
    });
    f.resolved++;
    f.latencies.push(performance.now() - started);
  }
}

/**
 * A caller that will not wait: a full queue answers QUEUE_FULL at once
 * instead of growing. It then waits once, like a caller that backs off.
 */
async function impatient(store: AuditStore, until: number, f: Figures) {
  for (let seq = 0; performance.now() < until; seq++) {
    const event = { id: `i-${seq}`, action: 'alert' };
    f.issued++;
    try {
      await store.recordEvent(event, { wait: false });
    } catch (error) {
      const full = error instanceof AuditError && error.code === 'QUEUE_FULL';
      assert.ok(full, String(error));
      f.queueFull++;
      await store.recordEvent(event);
    }
    f.resolved++;
  }
}

/** Readers that always hold a snapshot: what starves a plain checkpoint. */
async function read(store: AuditStore, until: number, f: Figures) {
  for (let seq = 0; performance.now() < until; seq++) {
    await store.queryEvents({}, { order: 'desc', limit: 100 });
    await store.queryEvents({ requestId: `req-${seq % PRODUCERS}-${seq}` });
    f.reads++;
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
  );
}

test(`${PRODUCERS} producers for ${SECONDS} s with readers: bounded queue, memory and WAL, every write answered once, bounded p99`, async (t) => {
  const dbPath = path.join(tempDir(), 'audit.db');
  const store = await openAuditStore({
    path: dbPath,
    maxPendingWrites: MAX_PENDING,
    walLimitBytes: WAL_LIMIT,
    readers: 2,
  });
  t.after(() => store.close());
  const f: Figures = {
    issued: 0,
    resolved: 0,
    queueFull: 0,
    latencies: [],
    maxPending: 0,
    maxWal: 0,
    maxHeap: 0,
    heapAfterWarmup: 0,
    reads: 0,
  };
  const started = performance.now();
  const until = started + SECONDS * 1000;
  const sampler = setInterval(() => {
    f.maxPending = Math.max(f.maxPending, store.pendingWrites);
    f.maxWal = Math.max(f.maxWal, walSize(dbPath));
    const heap = process.memoryUsage().heapUsed;
    f.maxHeap = Math.max(f.maxHeap, heap);
    if (f.heapAfterWarmup === 0 && performance.now() > started + 2000) {
      f.heapAfterWarmup = heap;
    }
  }, 20);

  await Promise.all([
    ...Array.from({ length: PRODUCERS }, (_, i) => produce(store, i, until, f)),
    impatient(store, until, f),
    read(store, until, f),
    read(store, until, f),
  ]);
  clearInterval(sampler);
  await store.close();

  const p99 = percentile(f.latencies, 0.99);
  t.diagnostic(
    `${f.resolved} writes (${Math.round(f.resolved / SECONDS)}/s), ` +
      `${f.queueFull} QUEUE_FULL, ${f.reads} read rounds, p50 ` +
      `${percentile(f.latencies, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ` +
      `max ${percentile(f.latencies, 1).toFixed(0)} ms, max pending ` +
      `${f.maxPending}, max WAL ${(f.maxWal / 2 ** 20).toFixed(1)} MiB, heap ` +
      `${mib(f.heapAfterWarmup)} -> max ${mib(f.maxHeap)} MiB`,
  );

  assert.equal(f.resolved, f.issued, 'a write was never answered');
  assert.equal(
    countRows(dbPath),
    f.resolved,
    'rows differ from acknowledgements',
  );
  assert.ok(f.maxPending <= MAX_PENDING, `pending reached ${f.maxPending}`);
  // Bounded well under busy_timeout (5 s) although 300 callers share 128
  // slots and readers make every checkpoint wait.
  assert.ok(p99 < 3000, `p99 ${p99} ms`);
  // The governor checkpoints from a quarter of the limit; half of it is
  // room for the group that lands between two checks.
  assert.ok(f.maxWal <= WAL_LIMIT, `WAL reached ${f.maxWal}`);
  assert.ok(f.maxHeap < f.heapAfterWarmup + (128 << 20), 'heap kept growing');
  assert.equal(integrityCheck(dbPath), 'ok');
});

function walSize(dbPath: string): number {
  try {
    return fs.statSync(`${dbPath}-wal`).size;
  } catch {
    return 0;
  }
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}
