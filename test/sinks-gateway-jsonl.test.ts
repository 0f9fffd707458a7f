import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';

import Database from 'better-sqlite3';

import type { AuditStore, SinkConfig } from '../src/index.ts';
import { tempDbPath } from './helpers/temp-dir.ts';
import {
  cursorOf,
  eventIds,
  eventually,
  FAST,
  maxRowid,
  openSinkStore,
  writeEvents,
} from './fixtures/sink-store.ts';

function logSink(extra: Partial<SinkConfig> = {}): SinkConfig {
  return {
    name: 'log',
    kind: 'gateway_jsonl',
    ...FAST,
    ...extra,
  } as SinkConfig;
}

/** Waits for the log to catch up, then closes the store, whatever happened. */
async function settle(store: AuditStore, dbPath: string): Promise<void> {
  try {
    await eventually(
      'the log cursor to reach the newest event',
      () => [cursorOf(dbPath, 'log'), maxRowid(dbPath)],
      ([position, newest]) => position === newest,
      30_000,
    );
  } finally {
    await store.close();
  }
}

function lineIds(text: string): string[] {
  assert.ok(text === '' || text.endsWith('\n'), 'no torn last line');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

function logIds(file: string): string[] {
  return lineIds(fs.readFileSync(file, 'utf8'));
}

test('gateway.jsonl beside the database gets one envelope per event, in order, mode 0600', async () => {
  const dbPath = tempDbPath();
  const store = await openSinkStore(dbPath, [logSink({ batchSize: 7 })]);
  await writeEvents(store, 40);
  await settle(store, dbPath);

  const file = path.join(path.dirname(dbPath), 'gateway.jsonl');
  assert.deepEqual(logIds(file), eventIds(dbPath));
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  const first = JSON.parse(fs.readFileSync(file, 'utf8').split('\n')[0] ?? '');
  assert.equal(first.event_type, 'scan');
  assert.equal(first.schema_version, 7);
});

test('rotates before the size limit into gzip backups and keeps only max_backups of them', async () => {
  const dbPath = tempDbPath();
  const file = path.join(path.dirname(dbPath), 'audit.jsonl');
  const store = await openSinkStore(dbPath, [
    logSink({
      path: 'audit.jsonl',
      maxBytes: 4096,
      maxBackups: 2,
      batchSize: 4,
    }),
  ]);
  await writeEvents(store, 60);
  await settle(store, dbPath);

  assert.equal(fs.existsSync(`${file}.3.gz`), false);
  const older = zlib.gunzipSync(fs.readFileSync(`${file}.2.gz`)).toString();
  const newer = zlib.gunzipSync(fs.readFileSync(`${file}.1.gz`)).toString();
  const current = fs.readFileSync(file, 'utf8');
  for (const text of [older, newer, current]) {
    assert.ok(Buffer.byteLength(text) <= 4096, 'no file passes the limit');
  }
  // The three files hold the newest events, each once, with no gap.
  const kept = [...lineIds(older), ...lineIds(newer), ...lineIds(current)];
  assert.deepEqual(kept, eventIds(dbPath).slice(-kept.length));
  assert.equal(fs.statSync(`${file}.1.gz`).mode & 0o777, 0o600);
});

test('after a crash a torn last line is cut and lines written past the cursor are not repeated', async () => {
  const dbPath = tempDbPath();
  const file = path.join(path.dirname(dbPath), 'gateway.jsonl');
  let store = await openSinkStore(dbPath, [logSink()]);
  await writeEvents(store, 10);
  await settle(store, dbPath);

  // The state a crash leaves: three lines on disk whose cursor never
  // committed, and half a line.
  const db = new Database(dbPath);
  db.prepare(
    "UPDATE sink_cursors SET position = position - 3 WHERE sink_name = 'log'",
  ).run();
  db.close();
  fs.appendFileSync(file, '{"ts":"2026-01-01T00:00:00.000Z","event_ty');

  store = await openSinkStore(dbPath, [logSink()]);
  await writeEvents(store, 5);
  await settle(store, dbPath);

  assert.deepEqual(logIds(file), eventIds(dbPath));
});

test('a rotation cut short by a crash is finished on the next open', async () => {
  const dbPath = tempDbPath();
  const file = path.join(path.dirname(dbPath), 'gateway.jsonl');
  let store = await openSinkStore(dbPath, [logSink()]);
  await writeEvents(store, 10);
  await settle(store, dbPath);
  fs.renameSync(file, `${file}.1`);
  fs.writeFileSync(`${file}.1.gz.tmp`, 'half a gzip stream');

  store = await openSinkStore(dbPath, [logSink()]);
  await writeEvents(store, 5);
  await settle(store, dbPath);

  assert.equal(fs.existsSync(`${file}.1`), false);
  assert.equal(fs.existsSync(`${file}.1.gz.tmp`), false);
  const rotated = lineIds(
    zlib.gunzipSync(fs.readFileSync(`${file}.1.gz`)).toString(),
  );
  assert.deepEqual([...rotated, ...logIds(file)], eventIds(dbPath));
});
