import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

import { openAuditStore } from '../src/index.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

function walSize(dbPath: string): number {
  try {
    return fs.statSync(`${dbPath}-wal`).size;
  } catch {
    return 0;
  }
}

test('the WAL stays under its limit while readers query without pause', async () => {
  const dbPath = tempDbPath();
  const limit = 4 << 20;
  const store = await openAuditStore({
    path: dbPath,
    walLimitBytes: limit,
    maxGroupSize: 500,
  });

  let writing = true;
  let reads = 0;
  const reader = async () => {
    while (writing) {
      await store.queryEvents({}, { limit: 200, order: 'desc' });
      await store.countEvents({ by: 'severity', actionPrefix: 'guardrail-' });
      reads++;
    }
  };
  const readers = [reader(), reader()];

  let largest = 0;
  const details = 'x'.repeat(600);
  // Keep writing until the readers, which run at a lower priority, have
  // overlapped the writes for a good while; stop at a generous cap.
  for (let batch = 0; batch < 400 && (batch < 60 || reads < 20); batch++) {
    const writes = Array.from({ length: 500 }, (_, i) =>
      store.recordEvent({
        action: 'guardrail-verdict',
        details,
        requestId: `${batch}-${i}-${Math.random()}`,
      }),
    );
    await Promise.all(writes);
    largest = Math.max(largest, walSize(dbPath));
  }
  writing = false;
  await Promise.all(readers);

  assert.ok(reads >= 20, `readers ran only ${reads} rounds`);
  assert.ok(largest <= limit, `WAL reached ${largest} bytes, limit ${limit}`);
  assert.ok(largest > 0);
  await store.close();
  assert.equal(walSize(dbPath), 0);
});
