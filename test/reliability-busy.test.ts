import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { openAuditStore } from '../src/index.ts';
import { outcomes, presentIds } from './fixtures/reliability-ids.ts';
import { tempDir } from './helpers/temp-dir.ts';

const HOLDER = fileURLToPath(
  new URL('./fixtures/reliability-lock-holder.ts', import.meta.url),
);

/** Starts the lock holder and resolves once it holds the write lock. */
async function holdWriteLock(dbPath: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dbPath], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout });
  const [first] = (await once(lines, 'line')) as [string];
  assert.equal(first, 'locked');
  return {
    child,
    async release(): Promise<void> {
      child.stdin.write('go\n');
      const [line] = (await once(lines, 'line')) as [string];
      assert.equal(line, 'released');
    },
  };
}

test('writes blocked by another process past busy_timeout fail with BUSY, and succeed once the lock is gone', async (t) => {
  const busyTimeoutMs = 400;
  const dbPath = path.join(tempDir(), 'audit.db');
  const store = await openAuditStore({
    path: dbPath,
    busyTimeoutMs,
    readers: 1,
  });
  t.after(() => store.close());
  await store.recordEvent({ id: 'before', action: 'scan' });

  const holder = await holdWriteLock(dbPath);
  t.after(() => holder.child.kill('SIGKILL'));
  const started = performance.now();
  const writes = new Map<string, Promise<unknown>>();
  for (let i = 0; i < 50; i++) {
    writes.set(
      `blocked-${i}`,
      store.recordEvent({ id: `blocked-${i}`, action: 'scan' }),
    );
  }
  const result = await outcomes(writes);
  const waited = performance.now() - started;

  assert.deepEqual([...result.keys()], ['BUSY']);
  assert.ok(waited >= busyTimeoutMs * 0.9, `gave up after ${waited} ms`);
  // One group waits once; a few more may queue behind it, never forever.
  assert.ok(waited < busyTimeoutMs * 10, `waited ${waited} ms`);
  // WAL readers are not blocked by a writer.
  assert.equal((await store.queryEvents()).items.length, 1);

  await holder.release();
  await store.recordEvent({ id: 'after', action: 'scan' });
  assert.deepEqual(
    [...presentIds(dbPath, ['before', 'after', ...writes.keys()])],
    ['before', 'after'],
  );
  t.diagnostic(`50 writes refused with BUSY after ${Math.round(waited)} ms`);
});

test('a lock holder that dies holding the lock frees it: blocked writes go through', async (t) => {
  const dbPath = path.join(tempDir(), 'audit.db');
  const store = await openAuditStore({
    path: dbPath,
    busyTimeoutMs: 10_000,
    readers: 1,
  });
  t.after(() => store.close());
  const holder = await holdWriteLock(dbPath);

  const write = store.recordEvent({ id: 'waited', action: 'scan' });
  holder.child.kill('SIGKILL');
  assert.equal(await write, 'waited');
  assert.equal(presentIds(dbPath, ['waited']).size, 1);
});
