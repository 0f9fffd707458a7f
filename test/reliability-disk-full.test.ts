import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { AuditError, openAuditStore, type AuditStore } from '../src/index.ts';
import {
  integrityCheck,
  outcomes,
  presentIds,
} from './fixtures/reliability-ids.ts';
import { fillDisk, mountTmpfs } from './fixtures/reliability-tmpfs.ts';

let nextId = 0;

/** Sends `count` writes at once, each with an id we can look for later. */
function writeBurst(store: AuditStore, count: number) {
  const writes = new Map<string, Promise<unknown>>();
  for (let i = 0; i < count; i++) {
    const id = `disk-${nextId++}`;
    writes.set(
      id,
      store.recordEvent({ id, action: 'scan', details: 'x'.repeat(2048) }),
    );
  }
  return outcomes(writes);
}

test('a full disk fails writes with DISK_FULL, acknowledges none falsely, and the store recovers once space returns', async (t) => {
  const dir = mountTmpfs(t, 16 << 20);
  if (dir === undefined) return;
  const dbPath = path.join(dir, 'audit.db');
  const store = await openAuditStore({
    path: dbPath,
    walLimitBytes: 1 << 20,
    readers: 1,
  });
  const acked: string[] = [];
  const refused: string[] = [];
  try {
    acked.push(...((await writeBurst(store, 200)).get('ok') ?? []));
    // Leave room for the WAL to pass half its limit, so the store both
    // fails to append to the WAL and fails to checkpoint it into the file.
    const filler = fillDisk(dir, 3 << 20);

    // Keep writing until a whole burst is refused.
    for (let burst = 0; burst < 1000; burst++) {
      const result = await writeBurst(store, 64);
      const codes = [...result.keys()].filter((code) => code !== 'ok');
      assert.deepEqual(
        codes.filter((code) => code !== 'DISK_FULL'),
        [],
      );
      acked.push(...(result.get('ok') ?? []));
      refused.push(...(result.get('DISK_FULL') ?? []));
      if (!result.has('ok')) break;
    }
    assert.ok(refused.length >= 64, 'the disk never filled up');

    assert.deepEqual(presentIds(dbPath, refused).size, 0, 'refused but kept');
    assert.equal(
      presentIds(dbPath, acked).size,
      acked.length,
      'acked but lost',
    );

    fs.rmSync(filler);
    const after = await writeBurst(store, 200);
    assert.deepEqual(
      [...after.keys()],
      ['ok'],
      'no recovery after space returned',
    );
    acked.push(...(after.get('ok') ?? []));
  } finally {
    await store.close();
  }

  assert.equal(presentIds(dbPath, acked).size, acked.length);
  assert.equal(integrityCheck(dbPath), 'ok');
  t.diagnostic(
    `${acked.length} writes acknowledged, ${refused.length} refused with DISK_FULL`,
  );
});

test('opening a new store on a full disk fails with DISK_FULL, and opens once space returns', async (t) => {
  const dir = mountTmpfs(t, 2 << 20);
  if (dir === undefined) return;
  const dbPath = path.join(dir, 'audit.db');
  const filler = fillDisk(dir);

  await assert.rejects(
    openAuditStore({ path: dbPath, readers: 1 }),
    (error) => error instanceof AuditError && error.code === 'DISK_FULL',
  );
  fs.rmSync(filler);
  const store = await openAuditStore({ path: dbPath, readers: 1 });
  t.after(() => store.close());
  assert.equal(store.openReport.setAside, undefined);
  await store.recordEvent({ id: 'first', action: 'scan' });
  await store.close();
  assert.equal(presentIds(dbPath, ['first']).size, 1);
});
