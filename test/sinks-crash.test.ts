import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import type { SinkConfig } from '../src/index.ts';
import { tempDbPath } from './helpers/temp-dir.ts';
import { CursorWatch } from './fixtures/sink-cursor-watch.ts';
import { TestReceiver } from './fixtures/sink-receiver.ts';
import {
  cursorOf,
  eventIds,
  eventually,
  maxRowid,
  openSinkStore,
} from './fixtures/sink-store.ts';

const CHILD = fileURLToPath(
  new URL('./fixtures/sink-child.ts', import.meta.url),
);

function startChild(
  dbPath: string,
  sinks: SinkConfig[],
  count: number,
): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, dbPath, JSON.stringify(sinks), String(count)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

test('a gateway killed while a batch is in flight loses nothing: after a restart every event arrives', async () => {
  const dbPath = tempDbPath();
  let watch: CursorWatch | undefined;
  const receiver = await TestReceiver.start('jsonl', {
    onRequest: () => watch?.check(),
  });
  watch = new CursorWatch(dbPath, 'central', (id) => receiver.accepted.has(id));
  receiver.faults.push({ delayMs: 0 }, { delayMs: 0 }, { hang: true });
  const sinks: SinkConfig[] = [
    {
      name: 'central',
      kind: 'http_jsonl',
      url: receiver.url,
      batchSize: 10,
      flushIntervalMs: 20,
      timeoutMs: 60_000,
    },
  ];

  const child = startChild(dbPath, sinks, 100);
  try {
    await receiver.waitFor(
      () => receiver.requests.length >= 3,
      'a batch in flight',
      20_000,
    );
  } finally {
    await kill(child);
  }
  const inFlight = receiver.requests[2]?.ids ?? [];
  assert.equal(inFlight.length, 10);
  assert.ok(inFlight.every((id) => !receiver.accepted.has(id)));
  watch.check();
  assert.equal(
    cursorOf(dbPath, 'central'),
    20,
    'the cursor stopped at the last accepted batch',
  );

  const store = await openSinkStore(dbPath, sinks);
  try {
    await eventually(
      'the restarted gateway to deliver the rest',
      () => cursorOf(dbPath, 'central'),
      (position) => position === maxRowid(dbPath),
    );
  } finally {
    await store.close();
  }
  watch.check();
  assert.deepEqual(
    eventIds(dbPath).filter((id) => !receiver.accepted.has(id)),
    [],
  );
  assert.deepEqual(watch.violations, []);
  watch.close();
  await receiver.close();
});

test('gateway.jsonl survives a kill at a random point of delivery: every event once, in order, no torn line', async () => {
  const dbPath = tempDbPath();
  const file = path.join(path.dirname(dbPath), 'gateway.jsonl');
  const sinks: SinkConfig[] = [
    { name: 'log', kind: 'gateway_jsonl', batchSize: 25, flushIntervalMs: 5 },
  ];
  const child = startChild(dbPath, sinks, 3000);
  const stopAt = 20_000 + Math.floor(Math.random() * 400_000);
  try {
    await eventually(
      `gateway.jsonl to pass ${stopAt} bytes`,
      () => (fs.existsSync(file) ? fs.statSync(file).size : 0),
      (size) => size > stopAt,
      30_000,
    );
  } finally {
    await kill(child);
  }
  assert.ok(cursorOf(dbPath, 'log') < maxRowid(dbPath), 'killed mid-delivery');

  const store = await openSinkStore(dbPath, sinks);
  try {
    await eventually(
      'the restarted gateway to finish the log',
      () => cursorOf(dbPath, 'log'),
      (position) => position === maxRowid(dbPath),
      30_000,
    );
  } finally {
    await store.close();
  }
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.endsWith('\n'));
  const ids = text
    .trimEnd()
    .split('\n')
    .map((line) => (JSON.parse(line) as { id: string }).id);
  assert.deepEqual(ids, eventIds(dbPath));
});
