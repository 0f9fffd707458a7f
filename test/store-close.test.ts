import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

import Database from 'better-sqlite3';

import { openAuditStore } from '../src/index.ts';
import { countEvents } from './helpers/peek-database.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

test('close commits every write already made, then refuses new ones', async () => {
  const dbPath = tempDbPath();
  const store = await openAuditStore({ path: dbPath });
  const writes = Array.from({ length: 3000 }, (_, i) =>
    store.recordEvent({ action: 'scan', target: `t${i}` }),
  );

  await store.close();
  assert.equal((await Promise.all(writes)).length, 3000);
  assert.equal(countEvents(dbPath), 3000);
  await assert.rejects(store.recordEvent({ action: 'scan' }), {
    code: 'CLOSED',
  });
  await assert.rejects(store.queryEvents(), { code: 'CLOSED' });
});

test('close is safe to call twice and checkpoints the WAL away', async () => {
  const dbPath = tempDbPath();
  const store = await openAuditStore({ path: dbPath });
  await store.recordEvent({ action: 'scan' });

  await Promise.all([store.close(), store.close()]);
  await store.close();
  const db = new Database(dbPath, { readonly: true });
  assert.equal(
    db.prepare('SELECT count(*) FROM audit_events').pluck().get(),
    1,
  );
  db.close();
});

test('await using closes the store at the end of the block', async () => {
  const dbPath = tempDbPath();
  let escaped;
  {
    await using store = await openAuditStore({ path: dbPath });
    escaped = store;
    void store.recordEvent({ action: 'scan' });
  }
  await assert.rejects(escaped.recordEvent({ action: 'scan' }), {
    code: 'CLOSED',
  });
  assert.equal(countEvents(dbPath), 1);
});

test('the same store opened twice in one process works and loses nothing', async () => {
  const dbPath = tempDbPath();
  const [a, b] = await Promise.all([
    openAuditStore({ path: dbPath }),
    openAuditStore({ path: dbPath }),
  ]);
  const writes = Array.from({ length: 400 }, (_, i) =>
    (i % 2 === 0 ? a : b).recordEvent({ action: 'scan', target: `t${i}` }),
  );
  await Promise.all(writes);
  assert.equal((await a.queryEvents({}, { limit: 1000 })).items.length, 400);
  await Promise.all([a.close(), b.close()]);

  const db = new Database(dbPath, { readonly: true });
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.close();
});

test('after reads, close still leaves no -wal or -shm file behind', async () => {
  const dbPath = tempDbPath();
  const store = await openAuditStore({ path: dbPath, readers: 2 });
  await store.recordEvent({ action: 'scan' });
  await Promise.all([store.queryEvents(), store.queryEvents()]);
  assert.ok(fs.existsSync(`${dbPath}-wal`), 'the store was not in WAL mode');

  await store.close();
  assert.equal(fs.existsSync(`${dbPath}-wal`), false);
  assert.equal(fs.existsSync(`${dbPath}-shm`), false);
  assert.equal(countEvents(dbPath), 1);
});
