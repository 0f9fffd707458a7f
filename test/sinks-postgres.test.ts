import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';

import Database from 'better-sqlite3';
import type pg from 'pg';

import type { PostgresSinkConfig, SinkConfig } from '../src/index.ts';
import { tempDbPath } from './helpers/temp-dir.ts';
import {
  connect,
  findPostgres,
  type PostgresServer,
} from './fixtures/sink-postgres-server.ts';
import {
  cursorOf,
  eventIds,
  eventually,
  FAST,
  healthRows,
  maxRowid,
  openSinkStore,
  writeEvents,
} from './fixtures/sink-store.ts';

const found = await findPostgres();
const skip = typeof found === 'string' ? found : false;
let server: PostgresServer;
let client: pg.Client;

before(async () => {
  if (typeof found === 'string') return;
  server = found;
  client = await connect(server);
  process.env['TEST_PG_PASSWORD'] = server.password;
});
after(async () => {
  await client?.end();
});

/** A fresh schema per test keeps the tests apart on one server. */
function freshTable(): string {
  return `t_${randomBytes(4).toString('hex')}.audit_events`;
}

function pgSink(table: string, gatewayId: string): PostgresSinkConfig {
  return {
    name: 'central',
    kind: 'postgres',
    url: server.url,
    passwordEnv: 'TEST_PG_PASSWORD',
    table,
    gatewayId,
    batchSize: 50,
    ...FAST,
  };
}

async function deliverAll(
  dbPath: string,
  sinks: SinkConfig[],
  count: number,
): Promise<void> {
  const store = await openSinkStore(dbPath, sinks);
  try {
    // Text columns refuse NUL; JSON strings may hold one, PostgreSQL not.
    await writeEvents(store, count, (i) => ({
      structured: { index: i, note: i === 0 ? 'nul \0 inside' : 'plain' },
    }));
    await eventually(
      'the cursor to reach the newest event',
      () => [cursorOf(dbPath, 'central'), maxRowid(dbPath)],
      ([position, newest]) => position === newest,
    );
  } finally {
    await store.close();
  }
}

test(
  'creates the central table and inserts every event once, even when batches are sent again',
  { skip },
  async () => {
    const table = freshTable();
    const dbPath = tempDbPath();
    await deliverAll(dbPath, [pgSink(table, 'gw-a')], 120);

    // Replays everything, as a restart after a lost cursor write would.
    const db = new Database(dbPath);
    db.prepare(
      "UPDATE sink_cursors SET position = 0 WHERE sink_name = 'central'",
    ).run();
    db.close();
    await deliverAll(dbPath, [pgSink(table, 'gw-a')], 0);

    const { rows } = await client.query(
      `SELECT id, gateway_id, structured_json->>'note' AS note, structured_json->>'index' AS idx, timestamp FROM ${table} ORDER BY timestamp, (structured_json->>'index')::int`,
    );
    assert.deepEqual(
      rows.map((r) => r.id).sort(),
      [...eventIds(dbPath)].sort(),
    );
    assert.ok(rows.every((r) => r.gateway_id === 'gw-a'));
    assert.equal(rows.find((r) => r.idx === '0')?.note, 'nul \uFFFD inside');
    assert.ok(rows[0].timestamp instanceof Date);
    const health = healthRows(dbPath, 'central');
    assert.equal(health.length, 6, 'three batches, each sent twice');
    assert.ok(health.every((r) => r.outcome === 'delivered'));
  },
);

test(
  'two gateways feed one central table and are told apart by gateway_id',
  { skip },
  async () => {
    const table = freshTable();
    await Promise.all([
      deliverAll(tempDbPath(), [pgSink(table, 'gw-east')], 30),
      deliverAll(tempDbPath(), [pgSink(table, 'gw-west')], 40),
    ]);

    const { rows } = await client.query(
      `SELECT gateway_id, count(*)::int AS n FROM ${table} GROUP BY gateway_id ORDER BY gateway_id`,
    );
    assert.deepEqual(rows, [
      { gateway_id: 'gw-east', n: 30 },
      { gateway_id: 'gw-west', n: 40 },
    ]);
  },
);

test(
  'a refused insert fails without retrying at once, holds the cursor, and goes through once fixed',
  { skip },
  async () => {
    const table = freshTable();
    const schema = table.split('.')[0];
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(
      `CREATE TABLE ${table} (id text PRIMARY KEY, details text CHECK (details <> 'event 2'))`,
    );
    const dbPath = tempDbPath();
    const store = await openSinkStore(dbPath, [
      { ...pgSink(table, 'gw-a'), flushIntervalMs: 100 },
    ]);
    try {
      await writeEvents(store, 5);
      const rows = await eventually(
        'a failed attempt',
        () => healthRows(dbPath, 'central'),
        (all) => all.length > 0,
      );
      assert.equal(rows[0]?.outcome, 'failed');
      assert.match(
        String(rows[0]?.error),
        /^postgres 23514: .*check constraint/,
      );
      assert.equal(cursorOf(dbPath, 'central'), 0);

      await client.query(
        `ALTER TABLE ${table} DROP CONSTRAINT audit_events_details_check`,
      );
      await eventually(
        'the batch to go through',
        () => cursorOf(dbPath, 'central'),
        (position) => position === maxRowid(dbPath),
      );
    } finally {
      await store.close();
    }
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM ${table}`,
    );
    assert.equal(rows[0].n, maxRowid(dbPath));
  },
);

test(
  'an unreachable server is retried and the cursor does not move',
  { skip },
  async () => {
    const dbPath = tempDbPath();
    const store = await openSinkStore(dbPath, [
      {
        ...pgSink(freshTable(), 'gw-a'),
        url: 'postgres://nobody@127.0.0.1:1/none',
      },
    ]);
    try {
      await writeEvents(store, 3);
      const rows = await eventually(
        'two attempts',
        () => healthRows(dbPath, 'central'),
        (all) => all.length >= 2,
      );
      assert.equal(rows[0]?.outcome, 'retrying');
      assert.match(String(rows[0]?.error), /^postgres: ECONNREFUSED/);
      assert.equal(cursorOf(dbPath, 'central'), 0);
    } finally {
      await store.close();
    }
  },
);
