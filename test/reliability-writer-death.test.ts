import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { AuditError, openAuditStore, type AuditStore } from '../src/index.ts';
import { withinMs } from './fixtures/reliability-deadline.ts';
import {
  countRows,
  integrityCheck,
  outcomes,
  presentIds,
} from './fixtures/reliability-ids.ts';
import { tempDir } from './helpers/temp-dir.ts';

/**
 * Producers that write until the store fails them, so there are always
 * writes in flight, queued and mid-commit, when the thread dies.
 */
function startProducers(store: AuditStore, producers: number) {
  const writes = new Map<string, Promise<unknown>>();
  let next = 0;
  let acked = 0;
  let onAck: (() => void) | undefined;
  async function produce(): Promise<void> {
    for (;;) {
      const id = `w-${next++}`;
      const write = store.recordEvent({
        id,
        action: 'scan',
        details: 'x'.repeat(512),
      });
      writes.set(id, write);
      await write;
      acked++;
      onAck?.();
    }
  }
  const done = Promise.allSettled(Array.from({ length: producers }, produce));
  const ackedAtLeast = (count: number) =>
    new Promise<void>((resolve) => {
      onAck = () => acked >= count && resolve();
    });
  return { writes, done, ackedAtLeast };
}

test('when the writer thread dies, pending writes reject with WORKER_GONE at once and the next open keeps every acknowledged write', async (t) => {
  const dbPath = path.join(tempDir(), 'audit.db');
  const store = await openAuditStore({ path: dbPath, readers: 1 });
  t.after(() => store.close());
  const load = startProducers(store, 256);
  await load.ackedAtLeast(2000);

  const killedAt = performance.now();
  await store.terminateWriter();
  await withinMs(load.done, 5000, 'writes pending when the writer died');
  const settledMs = performance.now() - killedAt;
  const result = await outcomes(load.writes);

  assert.deepEqual([...result.keys()].sort(), ['WORKER_GONE', 'ok']);
  await assert.rejects(
    store.recordEvent({ action: 'scan' }),
    (error) => error instanceof AuditError && error.code === 'WORKER_GONE',
  );
  await withinMs(store.close(), 5000, 'close after the writer died');

  const acked = result.get('ok') ?? [];
  const gone = result.get('WORKER_GONE') ?? [];
  const again = await withinMs(
    openAuditStore({ path: dbPath, readers: 1 }),
    10_000,
    'reopen',
  );
  t.after(() => again.close());
  assert.equal(presentIds(dbPath, acked).size, acked.length);

  // WORKER_GONE means "unknown": retrying with the same id is harmless.
  const retried = await outcomes(
    new Map(gone.map((id) => [id, again.recordEvent({ id, action: 'scan' })])),
  );
  for (const code of retried.keys()) assert.match(code, /^(ok|CONSTRAINT)$/);
  assert.equal(presentIds(dbPath, gone).size, gone.length);
  assert.equal(countRows(dbPath), acked.length + gone.length);
  await again.close();
  assert.equal(integrityCheck(dbPath), 'ok');
  t.diagnostic(
    `${acked.length} acknowledged, ${gone.length} WORKER_GONE ` +
      `(${retried.get('CONSTRAINT')?.length ?? 0} had committed), ` +
      `settled ${Math.round(settledMs)} ms after the kill`,
  );
});
