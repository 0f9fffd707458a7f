import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';

import { AuditError, ERROR_CODES, openAuditStore } from '../src/index.ts';
import { outcomes, presentIds } from './fixtures/reliability-ids.ts';
import { tempDir } from './helpers/temp-dir.ts';

const CHILD = fileURLToPath(
  new URL('./fixtures/reliability-readonly-folder-child.ts', import.meta.url),
);

function removeDatabase(dbPath: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    fs.rmSync(`${dbPath}${suffix}`, { force: true });
  }
}

test('a database deleted while the store runs: writes are refused with NOT_FOUND, never acknowledged into the lost file', async (t) => {
  const dbPath = path.join(tempDir(), 'audit.db');
  const store = await openAuditStore({ path: dbPath, readers: 1 });
  t.after(() => store.close());
  await store.recordEvent({ action: 'scan' });
  removeDatabase(dbPath);

  const writes = new Map<string, Promise<unknown>>();
  for (let i = 0; i < 20; i++) {
    writes.set(
      `gone-${i}`,
      store.recordEvent({ id: `gone-${i}`, action: 'scan' }),
    );
  }
  const result = await outcomes(writes);
  assert.deepEqual([...result.keys()], ['NOT_FOUND']);
  await assert.rejects(store.recordEvent({ action: 'scan' }), (error) => {
    assert.ok(error instanceof AuditError);
    assert.match(error.message, /audit\.db was deleted/);
    return true;
  });
  await store.close();

  const again = await openAuditStore({ path: dbPath, readers: 1 });
  t.after(() => again.close());
  await again.recordEvent({ id: 'fresh', action: 'scan' });
  const { items } = await again.queryEvents();
  assert.deepEqual(
    items.map((item) => item.id),
    ['fresh'],
  );
  await again.close();
});

test('a database replaced by another file while the store runs: writes are refused, the new file untouched', async (t) => {
  const dir = tempDir();
  const dbPath = path.join(dir, 'audit.db');
  const store = await openAuditStore({ path: dbPath, readers: 1 });
  t.after(() => store.close());
  await store.recordEvent({ action: 'scan' });
  fs.renameSync(dbPath, path.join(dir, 'moved.db'));
  fs.writeFileSync(dbPath, '');

  await assert.rejects(
    store.recordEvent({ action: 'scan' }),
    (error) => error instanceof AuditError && error.code === 'NOT_FOUND',
  );
  await store.close();
  assert.equal(fs.statSync(dbPath).size, 0);
});

test('a folder made read-only while the store runs: no crash, every write acknowledged and kept or refused with a typed code', async (t) => {
  const dir = tempDir();
  const runAs = unprivileged(t, dir);
  if (runAs === undefined) return;

  const output = execFileSync(
    runAs[0] as string,
    [...runAs.slice(1), process.execPath, '--import', 'tsx', CHILD, dir],
    { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) },
  );
  const { writes, steps } = JSON.parse(output) as {
    writes: Record<string, string>;
    steps: Record<string, string>;
  };

  const codes = new Set<string>(['ok', ...ERROR_CODES]);
  for (const outcome of [...Object.values(writes), ...Object.values(steps)]) {
    assert.ok(codes.has(outcome), `untyped outcome ${outcome}`);
  }
  assert.equal(steps['open without -wal'], 'READ_ONLY');
  const acked = Object.keys(writes).filter((id) => writes[id] === 'ok');
  assert.ok(acked.length >= 5);
  assert.equal(
    presentIds(path.join(dir, 'audit.db'), acked).size,
    acked.length,
  );
  t.diagnostic(JSON.stringify(steps));
});

/**
 * Root ignores mode bits, so as root the child runs as `nobody` through
 * setpriv, in a folder handed to that user. Returns the command prefix.
 */
function unprivileged(t: TestContext, dir: string): string[] | undefined {
  if (process.getuid?.() !== 0) return [];
  const nobody = 65534;
  const prefix = [
    'setpriv',
    `--reuid=${nobody}`,
    `--regid=${nobody}`,
    '--clear-groups',
  ];
  // The checkout may sit in a folder `nobody` cannot enter (/root, say).
  const probe = `require('fs').accessSync(${JSON.stringify(CHILD)})`;
  try {
    execFileSync(prefix[0] as string, [
      ...prefix.slice(1),
      process.execPath,
      '-e',
      probe,
    ]);
  } catch {
    t.skip('cannot run the checkout as nobody (no setpriv, or no access)');
    return undefined;
  }
  fs.chownSync(dir, nobody, nobody);
  return prefix;
}
