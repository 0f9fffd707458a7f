import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type Database from 'better-sqlite3';

import { openAuditStore } from '../src/index.ts';
import type { ReadQuery } from '../src/protocol/read-query.ts';
import { openReadConnection } from '../src/worker/read-connection.ts';
import { runRead } from '../src/worker/read-handlers.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

const dbPath = tempDbPath();
let db: Database.Database;

before(async () => {
  const store = await openAuditStore({ path: dbPath, readers: 1 });
  await store.recordEvent({ action: 'guardrail-block', severity: 'HIGH' });
  await store.close();
  db = openReadConnection(dbPath, 1000);
});
after(() => db.close());

/**
 * Runs a read as the pool does and returns SQLite's plan for each
 * statement it ran, with the parameters it ran it with.
 */
function plansOf(query: ReadQuery): string[] {
  const ran: { sql: string; params: unknown[] }[] = [];
  const recording = new Proxy(db, {
    get(target, key) {
      if (key !== 'prepare') return Reflect.get(target, key, target);
      return (sql: string) => {
        const statement = target.prepare(sql);
        return new Proxy(statement, {
          get(inner, name) {
            const value = Reflect.get(inner, name, inner) as unknown;
            if (typeof value !== 'function') return value;
            return (...params: unknown[]) => {
              ran.push({ sql, params });
              return (value as (...args: unknown[]) => unknown).apply(
                inner,
                params,
              );
            };
          },
        });
      };
    },
  });

  runRead(recording, query);
  return ran.map(({ sql, params }) =>
    (
      db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as {
        detail: string;
      }[]
    )
      .map((row) => row.detail)
      .join(' | '),
  );
}

const TIME_ORDERED_PAGES: [string, ReadQuery][] = [
  [
    'the newest events for an action prefix',
    {
      kind: 'events',
      filter: { actionPrefix: 'guardrail-' },
      page: { order: 'desc', limit: 100 },
    },
  ],
  [
    'one action with a severity floor',
    {
      kind: 'events',
      filter: { action: 'guardrail-block', minSeverity: 'HIGH' },
      page: { limit: 10 },
    },
  ],
];

for (const [name, query] of TIME_ORDERED_PAGES) {
  test(`a page of ${name} walks the time index and sorts nothing`, () => {
    const [plan] = plansOf(query);
    assert.match(plan ?? '', /idx_audit_timestamp/);
    assert.doesNotMatch(plan ?? '', /TEMP B-TREE/);
  });
}

test('a request id filter still uses its own index', () => {
  const [plan] = plansOf({
    kind: 'events',
    filter: { requestId: 'req-1', actionPrefix: 'guardrail-' },
    page: { limit: 10 },
  });
  assert.match(plan ?? '', /idx_audit_request/);
});

test('the severity summary for a prefix reads the covering index only', () => {
  const [plan] = plansOf({
    kind: 'count',
    options: {
      by: 'severity',
      since: new Date(Date.now() - 24 * 3600_000),
      actionPrefix: 'guardrail-',
    },
  });
  assert.match(plan ?? '', /COVERING INDEX idx_audit_severity_ts/);
});
