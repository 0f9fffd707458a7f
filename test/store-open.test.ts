import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import {
  AuditError,
  defaultDatabasePath,
  openAuditStore,
} from '../src/index.ts';
import { tempDir } from './helpers/temp-dir.ts';

function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

test('the default path honours DEFENSECLAW_HOME, else ~/.defenseclaw', () => {
  assert.equal(
    defaultDatabasePath({ DEFENSECLAW_HOME: '/srv/dc' }),
    '/srv/dc/audit.db',
  );
  assert.match(
    defaultDatabasePath({ HOME: '/home/op' }),
    /\/\.defenseclaw\/audit\.db$/,
  );
});

test('a store opened with no path lands in $DEFENSECLAW_HOME', () => {
  const home = path.join(tempDir(), 'home');
  const script =
    "import { openAuditStore } from './src/index.ts';" +
    'const s = await openAuditStore();' +
    "await s.recordEvent({ action: 'scan' });" +
    'console.log(s.path); await s.close();';
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { env: { ...process.env, DEFENSECLAW_HOME: home }, encoding: 'utf8' },
  );
  assert.equal(out.trim(), path.join(home, 'audit.db'));
  assert.ok(fs.existsSync(path.join(home, 'audit.db')));
});

test('new folders are 0700 and the database and its WAL files 0600', async () => {
  const dbPath = path.join(tempDir(), 'nested', 'deeper', 'audit.db');
  const store = await openAuditStore({ path: dbPath });
  await store.recordEvent({ action: 'scan' });

  assert.equal(mode(path.dirname(dbPath)), 0o700);
  assert.equal(mode(dbPath), 0o600);
  assert.equal(mode(`${dbPath}-wal`), 0o600);
  assert.equal(mode(`${dbPath}-shm`), 0o600);
  await store.close();
});

test('the write connection runs WAL, busy_timeout, NORMAL, foreign keys', async () => {
  const store = await openAuditStore({ path: path.join(tempDir(), 'a.db') });
  const { pragmas } = store.openReport;

  assert.equal(pragmas.journalMode, 'wal');
  assert.equal(pragmas.busyTimeoutMs, 5000);
  assert.equal(pragmas.synchronous, 'NORMAL');
  assert.equal(pragmas.foreignKeys, true);
  assert.ok(pragmas.journalSizeLimit > 0);
  await store.close();
});

test('synchronous FULL and busy_timeout are configurable', async () => {
  const store = await openAuditStore({
    path: path.join(tempDir(), 'a.db'),
    synchronous: 'FULL',
    busyTimeoutMs: 1234,
  });
  assert.equal(store.openReport.pragmas.synchronous, 'FULL');
  assert.equal(store.openReport.pragmas.busyTimeoutMs, 1234);
  await store.close();
});

test('a symlinked database path is refused', async () => {
  const dir = tempDir();
  const real = path.join(dir, 'real.db');
  const link = path.join(dir, 'link.db');
  fs.writeFileSync(real, '');
  fs.symlinkSync(real, link);

  await assert.rejects(openAuditStore({ path: link }), (error: AuditError) => {
    assert.ok(error instanceof AuditError);
    assert.equal(error.code, 'SYMLINK_REFUSED');
    return true;
  });
});

test('bad options are refused before anything is created', async () => {
  const dbPath = path.join(tempDir(), 'never.db');
  await assert.rejects(openAuditStore({ path: dbPath, busyTimeoutMs: -1 }), {
    code: 'INVALID_INPUT',
    field: 'busyTimeoutMs',
  });
  await assert.rejects(
    openAuditStore({ path: dbPath, synchronous: 'OFF' as never }),
    { code: 'INVALID_INPUT', field: 'synchronous' },
  );
  assert.equal(fs.existsSync(dbPath), false);
});

test('a corrupt database is set aside with its companions and replaced', async () => {
  const dir = tempDir();
  const dbPath = path.join(dir, 'audit.db');
  fs.writeFileSync(dbPath, Buffer.alloc(8192, 7));
  fs.writeFileSync(`${dbPath}-wal`, 'not a wal');

  const store = await openAuditStore({ path: dbPath });
  const setAside = store.openReport.setAside;
  assert.ok(setAside !== undefined);
  assert.deepEqual(fs.readFileSync(setAside), Buffer.alloc(8192, 7));
  assert.equal(fs.readFileSync(`${setAside}-wal`, 'utf8'), 'not a wal');

  await store.recordEvent({ action: 'scan' });
  const page = await store.queryEvents();
  assert.equal(page.items.length, 1);
  await store.close();
});
