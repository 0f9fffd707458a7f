import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';

import Database from 'better-sqlite3';
import fc from 'fast-check';

import { AuditError, openAuditStore } from '../src/index.ts';
import { countRows, integrityCheck } from './fixtures/reliability-ids.ts';
import { tempDir } from './helpers/temp-dir.ts';

const SUFFIXES = ['', '-wal', '-shm'];
const template = path.join(tempDir(), 'template.db');

/** A healthy store of a few hundred pages, cleanly closed. */
before(async () => {
  const store = await openAuditStore({ path: template, readers: 1 });
  const events = Array.from({ length: 3000 }, (_, i) => ({
    action: 'scan',
    details: `event ${i} `.repeat(20),
  }));
  await store.recordEvents(events);
  await store.close();
});

function readAll(dbPath: string): Buffer[] {
  return SUFFIXES.map((suffix) => fs.readFileSync(`${dbPath}${suffix}`));
}

test('a file that is not a database is set aside with its -wal and -shm, byte for byte, and a new store takes its place', async (t) => {
  const dbPath = path.join(tempDir(), 'audit.db');
  for (const suffix of SUFFIXES) {
    fs.writeFileSync(`${dbPath}${suffix}`, randomBytes(8192), { mode: 0o600 });
  }
  const original = readAll(dbPath);

  const store = await openAuditStore({ path: dbPath, readers: 1 });
  t.after(() => store.close());
  const movedTo = store.openReport.setAside;
  assert.ok(movedTo !== undefined, 'corrupt file not reported');
  assert.deepEqual(readAll(movedTo), original);

  await store.recordEvent({ id: 'fresh', action: 'scan' });
  await store.close();
  assert.equal(countRows(dbPath), 1);
  assert.equal(integrityCheck(dbPath), 'ok');
});

test('a database with damaged pages is set aside untouched and reported', async (t) => {
  const dbPath = path.join(tempDir(), 'audit.db');
  fs.copyFileSync(template, dbPath);
  const fd = fs.openSync(dbPath, 'r+');
  fs.writeSync(fd, randomBytes(8 * 4096), 0, 8 * 4096, 4 * 4096);
  fs.closeSync(fd);
  const damaged = fs.readFileSync(dbPath);

  const store = await openAuditStore({ path: dbPath, readers: 1 });
  t.after(() => store.close());
  const movedTo = store.openReport.setAside;
  assert.ok(movedTo !== undefined, 'damaged file reused');
  assert.deepEqual(fs.readFileSync(movedTo), damaged);
  await store.recordEvent({ action: 'scan' });
  await store.close();
  assert.equal(countRows(dbPath), 1);
});

/**
 * Random damage to a real database: wherever it lands, the store either
 * sets the file aside untouched, or the file passes the check it was
 * opened with. It is never reused broken, never deleted, and opening
 * fails, if at all, with a typed error.
 */
test('random damage to a database is never silently reused or deleted', async (t) => {
  const pageSize = 4096;
  const pages = fs.statSync(template).size / pageSize;
  const damage = fc.record({
    page: fc.integer({ min: 0, max: pages - 1 }),
    offset: fc.integer({ min: 0, max: pageSize - 1 }),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 2048 }),
  });
  let setAsideCount = 0;
  await fc.assert(
    fc.asyncProperty(damage, async ({ page, offset, bytes }) => {
      const dbPath = path.join(tempDir(), 'audit.db');
      fs.copyFileSync(template, dbPath);
      const fd = fs.openSync(dbPath, 'r+');
      fs.writeSync(fd, bytes, 0, bytes.length, page * pageSize + offset);
      fs.closeSync(fd);
      const damaged = fs.readFileSync(dbPath);

      const store = await openAuditStore({ path: dbPath, readers: 1 }).catch(
        (error: unknown) => {
          assert.ok(error instanceof AuditError, String(error));
          return undefined;
        },
      );
      const movedTo = store?.openReport.setAside;
      await store?.close();
      if (movedTo !== undefined) {
        setAsideCount++;
        assert.deepEqual(fs.readFileSync(movedTo), damaged);
      } else if (store !== undefined) {
        assert.equal(quickCheck(dbPath), 'ok');
      } else {
        assert.deepEqual(fs.readFileSync(dbPath), damaged);
      }
    }),
    { numRuns: 12 },
  );
  t.diagnostic(`12 random damages, ${setAsideCount} detected and set aside`);
});

function quickCheck(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    return String(db.pragma('quick_check(1)', { simple: true }));
  } finally {
    db.close();
  }
}
