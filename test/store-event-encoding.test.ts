import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { AuditError, openAuditStore, type AuditStore } from '../src/index.ts';
import { encodeAuditEvent } from '../src/main/audit-event-encoder.ts';
import { AUDIT_EVENTS_TABLE } from '../src/worker/tables/audit-events-table.ts';
import { countEvents, peek } from './helpers/peek-database.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

let store: AuditStore;
const dbPath = tempDbPath();

before(async () => {
  store = await openAuditStore({ path: dbPath, readers: 1 });
});
after(() => store.close());

function invalidField(field: string) {
  return (error: unknown) =>
    error instanceof AuditError &&
    error.code === 'INVALID_INPUT' &&
    error.field === field;
}

/** Where a field's value sits in an encoded row. */
function columnOf(field: string): number {
  const index = AUDIT_EVENTS_TABLE.columns.findIndex((c) => c.field === field);
  assert.ok(index >= 0, `${field} is a column of audit_events`);
  return index;
}

test('an event refused on the calling thread rejects the call instead of throwing', async () => {
  const before = countEvents(dbPath);
  let answer: Promise<string> | undefined;

  assert.doesNotThrow(() => {
    answer = store.recordEvent({
      action: 'scan',
      structured: [1, 2] as never,
    });
  });

  await assert.rejects(answer as Promise<string>, invalidField('structured'));
  assert.equal(countEvents(dbPath), before);
});

test('a batch refused on the calling thread names the event and its field', async () => {
  const before = countEvents(dbPath);

  await assert.rejects(
    store.recordEvents([
      { action: 'scan' },
      { action: 'scan', timestamp: 'yesterday' },
    ]),
    invalidField('events.1.timestamp'),
  );

  assert.equal(countEvents(dbPath), before);
});

test('a value that cannot cross to the writer thread is named by its field, and its neighbours still commit', async () => {
  const before = countEvents(dbPath);

  const [left, bad, batch, right] = await Promise.allSettled([
    store.recordEvent({ action: 'scan', target: 'left' }),
    store.recordEvent({ action: 'scan', details: (() => 'x') as never }),
    store.recordEvents([
      { action: 'scan' },
      { action: 'scan', target: Symbol('t') as never },
    ]),
    store.recordEvent({ action: 'scan', target: 'right' }),
  ]);

  assert.equal(left.status, 'fulfilled');
  assert.equal(right.status, 'fulfilled');
  assert.equal(bad.status, 'rejected');
  assert.ok(invalidField('details')(bad.reason), String(bad.reason));
  assert.equal(batch.status, 'rejected');
  assert.ok(
    invalidField('events.1.target')(batch.reason),
    String(batch.reason),
  );
  assert.equal(countEvents(dbPath), before + 2);
});

test('the writer checks every encoded value itself: JSON shape, timestamp form and row length', async () => {
  const good = encodeAuditEvent({
    action: 'scan',
    structured: { ok: true },
    timestamp: '2026-03-04T05:06:07.250Z',
  });
  const withValue = (field: string, value: unknown) => {
    const row = [...good];
    row[columnOf(field)] = value;
    return row;
  };
  const before = countEvents(dbPath);

  const cases: [unknown, string][] = [
    [withValue('structured', '[1,2]'), 'structured'],
    [withValue('structured', 42), 'structured'],
    [withValue('timestamp', '2026-03-04T05:06:07Z'), 'timestamp'],
    [withValue('timestamp', '2026-03-04 05:06:07.000'), 'timestamp'],
    [withValue('details', 'a\0b'), 'details'],
    [good.slice(1), 'event'],
  ];
  for (const [input, field] of cases) {
    await assert.rejects(
      store.write({ op: 'audit-event', input: input as unknown[] }),
      invalidField(field),
      `${field}: ${JSON.stringify(input).slice(0, 80)}`,
    );
  }

  const id = await store.write<string>({ op: 'audit-event', input: good });
  const stored = peek(dbPath, 'SELECT * FROM audit_events WHERE id = ?', id);
  assert.equal(stored['structured_json'], '{"ok":true}');
  assert.equal(stored['timestamp'], '2026-03-04 05:06:07.250');
  assert.equal(countEvents(dbPath), before + 1);
});
