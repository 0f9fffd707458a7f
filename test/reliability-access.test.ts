import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { AuditError, openAuditStore } from '../src/index.ts';
import { openReadConnection } from '../src/worker/read-connection.ts';
import { countRows } from './fixtures/reliability-ids.ts';
import { tempDir } from './helpers/temp-dir.ts';

const WATCHER = fileURLToPath(
  new URL('./fixtures/reliability-mode-watcher.mjs', import.meta.url),
);

/** Watches files' modes from another thread while `work` runs. */
async function watchModes(files: string[], work: () => Promise<void>) {
  const flag = new Int32Array(new SharedArrayBuffer(8));
  const watcher = new Worker(WATCHER, {
    workerData: { files, flag },
  });
  const report = once(watcher, 'message');
  // Start the work only once the watcher is looping.
  while (Atomics.load(flag, 1) === 0) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  try {
    await work();
  } finally {
    Atomics.store(flag, 0, 1);
  }
  const [result] = (await report) as [
    { seen: Record<string, number[]>; loops: number },
  ];
  await watcher.terminate();
  return result;
}

test('the database, -wal and -shm are 0600 from the moment they exist, even with umask 000', async (t) => {
  const dir = path.join(tempDir(), 'home');
  const dbPath = path.join(dir, 'audit.db');
  const files = [dbPath, `${dbPath}-wal`, `${dbPath}-shm`];
  const umask = process.umask(0);
  t.after(() => process.umask(umask));

  const { seen, loops } = await watchModes(files, async () => {
    const store = await openAuditStore({ path: dbPath, readers: 1 });
    await store.recordEvent({ action: 'scan' });
    await store.close();
  });

  for (const file of files) {
    assert.deepEqual(seen[file], [0o600], `${file} was seen as ${seen[file]}`);
  }
  assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
  assert.equal(fs.statSync(dbPath).mode & 0o777, 0o600);
  t.diagnostic(`${loops} stat rounds while the store was created`);
});

/**
 * The system calls that create or change the mode of the store's files, as
 * strace records them for a child that opens a new store with umask 000.
 */
function traceCreation(dbPath: string): string[] {
  const log = `${dbPath}.strace`;
  const script =
    "import { openAuditStore } from './src/index.ts';" +
    'process.umask(0);' +
    `const s = await openAuditStore({ path: ${JSON.stringify(dbPath)}, readers: 1 });` +
    "await s.recordEvent({ action: 'scan' }); await s.close();";
  execFileSync(
    'strace',
    [
      '-f',
      '-qq',
      '-o',
      log,
      '-e',
      'trace=open,openat,creat,chmod,fchmod,fchmodat',
      process.execPath,
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'ignore' },
  );
  return fs.readFileSync(log, 'utf8').split('\n');
}

test('every file of the store is created 0600 in the one call that creates it, never narrowed afterwards', (t) => {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' });
  } catch {
    t.skip('strace is not installed; the sampling test above still runs');
    return;
  }
  const dbPath = path.join(tempDir(), 'audit.db');
  const ours = new Set<string>();
  const created: string[] = [];
  for (const line of traceCreation(dbPath)) {
    const open =
      /open(?:at)?\((?:AT_FDCWD, )?"([^"]+)", ([A-Z_|]+)(?:, (0\d+))?\) = (\d+)/.exec(
        line,
      );
    if (open !== null && open[1]?.startsWith(dbPath)) {
      ours.add(open[4] as string);
      if (open[2]?.includes('O_CREAT')) {
        created.push(open[1]);
        assert.equal(open[3], '0600', line);
      }
    }
    assert.ok(
      !/^\d+ (chmod|fchmodat)\(/.test(line) || !line.includes(dbPath),
      line,
    );
    const fchmod = /^\d+ fchmod\((\d+),/.exec(line);
    assert.ok(fchmod === null || !ours.has(fchmod[1] as string), line);
  }
  for (const suffix of ['', '-wal', '-shm']) {
    assert.ok(created.includes(`${dbPath}${suffix}`), `${suffix} not created`);
  }
});

test('an export file is created 0600 even with umask 000, and an existing file is never overwritten', async (t) => {
  const cli = fileURLToPath(
    new URL('../dist/cli/defenseclaw-audit.js', import.meta.url),
  );
  assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build`);
  const dir = tempDir();
  const dbPath = path.join(dir, 'audit.db');
  const store = await openAuditStore({ path: dbPath, readers: 1 });
  await store.recordEvent({ action: 'scan' });
  await store.close();

  const out = path.join(dir, 'export.jsonl');
  const exportTo = () =>
    new Promise<number>((resolve) => {
      const child = execFile(process.execPath, [
        cli,
        'export',
        '--db',
        dbPath,
        '-o',
        out,
      ]);
      child.on('close', (code) => resolve(code ?? -1));
    });
  const umask = process.umask(0);
  t.after(() => process.umask(umask));

  const { seen } = await watchModes([out], async () => {
    assert.equal(await exportTo(), 0);
  });
  assert.deepEqual(seen[out], [0o600]);
  const written = fs.readFileSync(out);
  assert.notEqual(await exportTo(), 0);
  assert.deepEqual(fs.readFileSync(out), written);
});

test('a read connection refuses every kind of write, and the file is unchanged', async () => {
  const dbPath = path.join(tempDir(), 'audit.db');
  const store = await openAuditStore({ path: dbPath, readers: 1 });
  await store.recordEvent({ action: 'scan' });
  await store.close();
  const bytes = fs.readFileSync(dbPath);

  const db = openReadConnection(dbPath, 1000);
  const attempts = [
    "INSERT INTO audit_events (id, timestamp, action) VALUES ('x', '2026-01-01 00:00:00', 'scan')",
    'DELETE FROM audit_events',
    "UPDATE audit_events SET action = 'allow'",
    'CREATE TABLE stolen (x)',
    'DROP TABLE audit_events',
    'PRAGMA user_version = 99',
    'VACUUM',
    'PRAGMA query_only = OFF; DELETE FROM audit_events',
  ];
  try {
    for (const sql of attempts) {
      assert.throws(
        () => db.exec(sql),
        /readonly|read-only|query_only|attempt to write/i,
        sql,
      );
    }
  } finally {
    db.close();
  }
  assert.equal(countRows(dbPath), 1);
  assert.deepEqual(fs.readFileSync(dbPath), bytes);
});

test('a symlinked database path is refused and its target left untouched', async () => {
  const dir = tempDir();
  const real = path.join(dir, 'real.db');
  const store = await openAuditStore({ path: real, readers: 1 });
  await store.recordEvent({ action: 'scan' });
  await store.close();
  const bytes = fs.readFileSync(real);

  const link = path.join(dir, 'audit.db');
  fs.symlinkSync(real, link);
  const dangling = path.join(dir, 'dangling.db');
  fs.symlinkSync(path.join(dir, 'nowhere.db'), dangling);

  for (const dbPath of [link, dangling]) {
    await assert.rejects(
      openAuditStore({ path: dbPath, readers: 1 }),
      (error) =>
        error instanceof AuditError && error.code === 'SYMLINK_REFUSED',
    );
  }
  assert.deepEqual(fs.readFileSync(real), bytes);
  assert.equal(fs.existsSync(path.join(dir, 'nowhere.db')), false);
  assert.deepEqual(fs.readdirSync(dir).sort(), [
    'audit.db',
    'dangling.db',
    'real.db',
  ]);
});
