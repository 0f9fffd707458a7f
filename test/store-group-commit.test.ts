import assert from 'node:assert/strict';
import { test } from 'node:test';

import Database from 'better-sqlite3';

import { AuditError, openAuditStore } from '../src/index.ts';
import { countEvents } from './helpers/peek-database.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

/** Another connection holding the write lock, as a second process would. */
function holdWriteLock(dbPath: string): () => void {
  const db = new Database(dbPath);
  db.exec('BEGIN IMMEDIATE');
  return () => {
    db.exec('COMMIT');
    db.close();
  };
}

test('a bad request in a group fails alone; its neighbours commit', async () => {
  const dbPath = tempDbPath();
  const store = await openAuditStore({ path: dbPath });
  await store.recordEvent({ id: 'taken', action: 'scan' });

  const calls = Array.from({ length: 100 }, (_, i) => {
    if (i === 50) return store.recordEvent({ action: 'not-an-action' });
    if (i === 70) return store.recordEvent({ id: 'taken', action: 'scan' });
    return store.recordEvent({ action: 'scan', target: `t${i}` });
  });
  const results = await Promise.allSettled(calls);

  const rejected = results
    .map((result, i) => ({ result, i }))
    .filter(({ result }) => result.status === 'rejected');
  assert.deepEqual(
    rejected.map(({ i }) => i),
    [50, 70],
  );
  const reasons = rejected.map(
    ({ result }) => (result as PromiseRejectedResult).reason,
  );
  assert.equal(reasons[0].code, 'INVALID_INPUT');
  assert.equal(reasons[1].code, 'CONSTRAINT');
  assert.match(reasons[1].sqliteCode, /^SQLITE_CONSTRAINT/);
  assert.equal(countEvents(dbPath), 99);
  await store.close();
});

test('errors keep their class, code and SQLite code across the thread hop', async () => {
  const dbPath = tempDbPath();
  const store = await openAuditStore({ path: dbPath, busyTimeoutMs: 50 });
  const release = holdWriteLock(dbPath);

  await assert.rejects(
    store.recordEvent({ action: 'scan' }),
    (error: unknown) => {
      assert.ok(error instanceof AuditError);
      assert.equal(error.code, 'BUSY');
      assert.equal(error.sqliteCode, 'SQLITE_BUSY');
      assert.ok(error.cause instanceof AuditError);
      return true;
    },
  );
  release();

  await store.recordEvent({ action: 'scan' });
  assert.equal(countEvents(dbPath), 1);
  await store.close();
});

test('with the disk slower than producers, pending writes stay bounded', async () => {
  const dbPath = tempDbPath();
  const store = await openAuditStore({ path: dbPath, maxPendingWrites: 64 });
  const release = holdWriteLock(dbPath);

  let highest = 0;
  const calls: Promise<string>[] = [];
  for (let i = 0; i < 2000; i++) {
    calls.push(store.recordEvent({ action: 'scan', target: `t${i}` }));
    highest = Math.max(highest, store.pendingWrites);
  }
  assert.equal(highest, 64);

  release();
  const ids = await Promise.all(calls);
  assert.equal(new Set(ids).size, 2000);
  assert.equal(countEvents(dbPath), 2000);
  await store.close();
});

test('a caller that asks not to wait gets QUEUE_FULL when the queue is full', async () => {
  const dbPath = tempDbPath();
  const store = await openAuditStore({ path: dbPath, maxPendingWrites: 8 });
  const release = holdWriteLock(dbPath);

  const accepted = Array.from({ length: 8 }, () =>
    store.recordEvent({ action: 'scan' }, { wait: false }),
  );
  await assert.rejects(store.recordEvent({ action: 'scan' }, { wait: false }), {
    code: 'QUEUE_FULL',
  });

  release();
  await Promise.all(accepted);
  assert.equal(countEvents(dbPath), 8);
  await store.close();
});

test('when the writer thread dies, every pending call rejects at once and nothing unacknowledged is claimed', async () => {
  const dbPath = tempDbPath();
  const store = await openAuditStore({ path: dbPath });
  const release = holdWriteLock(dbPath);

  const pending = Array.from({ length: 20 }, (_, i) =>
    store.recordEvent({ action: 'scan', target: `t${i}` }),
  );
  await store.terminateWriter();
  const results = await Promise.allSettled(pending);

  for (const result of results) {
    assert.equal(result.status, 'rejected');
    assert.equal((result as PromiseRejectedResult).reason.code, 'WORKER_GONE');
  }
  await assert.rejects(store.recordEvent({ action: 'scan' }), {
    code: 'WORKER_GONE',
  });
  await store.close();
  release();

  assert.equal(countEvents(dbPath), 0);
  const reopened = await openAuditStore({ path: dbPath });
  await reopened.recordEvent({ action: 'scan' });
  assert.equal(countEvents(dbPath), 1);
  await reopened.close();
});
