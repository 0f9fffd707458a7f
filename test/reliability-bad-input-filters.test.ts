import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import Database from 'better-sqlite3';
import fc from 'fast-check';

import {
  AuditError,
  openAuditStore,
  type AuditStore,
  type EventFilter,
} from '../src/index.ts';
import {
  hostileTimestamp,
  notText,
} from './fixtures/reliability-hostile-values.ts';
import { totalRows } from './fixtures/reliability-ids.ts';
import { tempDir } from './helpers/temp-dir.ts';

const RUNS = Number(process.env['BAD_INPUT_RUNS'] ?? 150);
const dbPath = path.join(tempDir(), 'audit.db');
let store: AuditStore;

/** SQL fragments an attacker would try, mixed into generated text. */
const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE audit_events; --",
  '" OR ""="',
  "') UNION SELECT sql, 1, 1 FROM sqlite_master --",
  '%',
  '_',
  '\\',
  "'; PRAGMA query_only = OFF; DELETE FROM audit_events; --",
  '\u{10FFFF}',
];

const hostileString = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(...INJECTIONS),
  fc
    .tuple(fc.string(), fc.constantFrom(...INJECTIONS), fc.string())
    .map((parts) => parts.join('')),
);

const TEXT_FILTERS = [
  ['action', 'action'],
  ['requestId', 'requestId'],
  ['sessionId', 'sessionId'],
  ['traceId', 'traceId'],
  ['runId', 'runId'],
] as const;

before(async () => {
  store = await openAuditStore({ path: dbPath, readers: 1 });
  await store.recordEvents(
    INJECTIONS.map((text, i) => ({
      action: 'scan',
      requestId: text,
      sessionId: `s-${i}`,
      details: text,
    })),
  );
});

after(() => store.close());

function schema(): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    return JSON.stringify(db.prepare('SELECT * FROM sqlite_master').all());
  } finally {
    db.close();
  }
}

test('hostile strings in event filters are only data: matching rows or none, never an error, nothing changed', async () => {
  const rowsBefore = totalRows(dbPath);
  const schemaBefore = schema();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...TEXT_FILTERS),
      hostileString.filter((text) => text.isWellFormed()),
      async ([filterField, recordField], text) => {
        const filter = { [filterField]: text } as EventFilter;
        const { items } = await store.queryEvents(filter, { limit: 1000 });
        for (const item of items) assert.equal(item[recordField], text);
        const prefixed = await store.queryEvents(
          { actionPrefix: text },
          { limit: 1000 },
        );
        for (const item of prefixed.items) {
          assert.ok(item.action?.startsWith(text));
        }
        await store.countEvents({ by: 'action', actionPrefix: text });
        await store.queryActivity({ actor: text, targetId: text });
        await store.queryEgress({ hostname: text, sessionId: text });
        await store.queryScans({ scanner: text, target: text });
      },
    ),
    { numRuns: RUNS },
  );
  assert.equal(totalRows(dbPath), rowsBefore);
  assert.equal(schema(), schemaBefore);
});

test('text that looks like SQL is stored and found again exactly as written', async () => {
  await fc.assert(
    fc.asyncProperty(
      hostileString.filter((t) => t.isWellFormed() && !t.includes('\0')),
      async (text) => {
        const requestId = `${text}`.slice(0, 200);
        const id = await store.recordEvent({
          action: 'scan',
          requestId,
          details: text,
          target: text,
        });
        const { items } = await store.queryEvents({ requestId });
        const mine = items.find((item) => item.id === id);
        assert.ok(mine !== undefined, 'the event was not found by its text');
        assert.equal(mine.details, text);
        assert.equal(mine.target, text);
      },
    ),
    { numRuns: RUNS },
  );
});

/** Filter and page options of the wrong type or out of range. */
const badReads = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        'action',
        'actionPrefix',
        'requestId',
        'sessionId',
        'traceId',
        'runId',
      ),
      notText(),
    )
    .map(([field, value]) => ({ field, filter: { [field]: value }, page: {} })),
  fc
    .oneof(
      fc
        .string()
        .filter(
          (s) => !/^(critical|high|medium|low|warn|info|error)$/i.test(s),
        ),
      notText(),
    )
    .map((value) => ({
      field: 'minSeverity',
      filter: { minSeverity: value },
      page: {},
    })),
  fc
    .oneof(
      fc.integer({ max: 0 }),
      fc.integer({ min: 10_001 }),
      fc.double().filter((n) => !Number.isInteger(n)),
      fc.string(),
    )
    .map((value) => ({ field: 'limit', filter: {}, page: { limit: value } })),
  fc
    .oneof(
      fc.string().filter((s) => s !== 'asc' && s !== 'desc'),
      notText(),
    )
    .map((value) => ({ field: 'order', filter: {}, page: { order: value } })),
  fc
    .oneof(fc.string(), notText())
    .map((value) => ({ field: 'cursor', filter: {}, page: { cursor: value } })),
  hostileTimestamp().map((value) => ({
    field: 'since',
    filter: { since: value },
    page: {},
  })),
);

test('filters of the wrong type are refused with INVALID_INPUT naming the field', async () => {
  await fc.assert(
    fc.asyncProperty(badReads, async ({ field, filter, page }) => {
      const error = await store
        .queryEvents(filter as never, page as never)
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      assert.ok(
        error instanceof AuditError,
        `accepted ${JSON.stringify({ filter, page })}`,
      );
      assert.equal(error.code, 'INVALID_INPUT', error.message);
      assert.equal(error.field, field, error.message);
    }),
    { numRuns: RUNS },
  );
  await store.recordEvent({ action: 'scan' });
});
