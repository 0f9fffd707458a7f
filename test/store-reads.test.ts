import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openAuditStore, type AuditEventRecord } from '../src/index.ts';
import { openReadConnection } from '../src/worker/read-connection.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

test('events filter by time range, action, prefix, severity and correlation ids', async () => {
  const store = await openAuditStore({ path: tempDbPath() });
  await store.recordEvents([
    {
      action: 'guardrail-block',
      severity: 'HIGH',
      timestamp: '2026-01-01T00:00:00Z',
      requestId: 'r1',
    },
    {
      action: 'guardrail-warn',
      severity: 'LOW',
      timestamp: '2026-01-02T00:00:00Z',
      sessionId: 's1',
    },
    { action: 'scan', severity: 'CRITICAL', timestamp: '2026-01-03T00:00:00Z' },
    {
      action: 'guardrail-allow',
      severity: 'INFO',
      timestamp: '2026-01-04T00:00:00Z',
    },
  ]);
  const actions = async (filter: object) =>
    (await store.queryEvents(filter)).items.map((event) => event.action);

  assert.deepEqual(await actions({ actionPrefix: 'guardrail-' }), [
    'guardrail-block',
    'guardrail-warn',
    'guardrail-allow',
  ]);
  assert.deepEqual(await actions({ action: 'scan' }), ['scan']);
  assert.deepEqual(await actions({ minSeverity: 'HIGH' }), [
    'guardrail-block',
    'scan',
  ]);
  assert.deepEqual(
    await actions({
      since: '2026-01-02T00:00:00Z',
      until: '2026-01-04T00:00:00Z',
    }),
    ['guardrail-warn', 'scan'],
  );
  assert.deepEqual(await actions({ requestId: 'r1' }), ['guardrail-block']);
  assert.deepEqual(await actions({ sessionId: 's1' }), ['guardrail-warn']);
  await store.close();
});

test('hostile filter strings are only data', async () => {
  const dbPath = tempDbPath();
  const store = await openAuditStore({ path: dbPath });
  await store.recordEvent({ action: 'scan' });

  for (const hostile of [
    "' OR 1=1 --",
    'scan%',
    '_',
    "'; DROP TABLE audit_events; --",
  ]) {
    assert.equal(
      (await store.queryEvents({ action: hostile })).items.length,
      0,
    );
    assert.equal(
      (await store.queryEvents({ actionPrefix: hostile })).items.length,
      0,
    );
    assert.equal(
      (await store.queryEvents({ requestId: hostile })).items.length,
      0,
    );
  }
  assert.equal((await store.queryEvents()).items.length, 1);
  await store.close();
});

test('counts group by severity and by action over a window', async () => {
  const store = await openAuditStore({ path: tempDbPath() });
  await store.recordEvents([
    { action: 'guardrail-block', severity: 'HIGH' },
    { action: 'guardrail-block', severity: 'HIGH' },
    { action: 'guardrail-warn', severity: 'MEDIUM' },
    { action: 'scan', severity: 'HIGH' },
    {
      action: 'guardrail-warn',
      severity: 'LOW',
      timestamp: '2020-01-01T00:00:00Z',
    },
  ]);
  const since = new Date(Date.now() - 60_000);

  assert.deepEqual(
    await store.countEvents({
      by: 'severity',
      since,
      actionPrefix: 'guardrail-',
    }),
    [
      { key: 'HIGH', count: 2 },
      { key: 'MEDIUM', count: 1 },
    ],
  );
  assert.deepEqual(await store.countEvents({ by: 'action', since }), [
    { key: 'guardrail-block', count: 2 },
    { key: 'guardrail-warn', count: 1 },
    { key: 'scan', count: 1 },
  ]);
  await store.close();
});

test('keyset pages are stable while new events are inserted', async () => {
  const store = await openAuditStore({ path: tempDbPath() });
  const first = await store.recordEvents(
    Array.from({ length: 250 }, (_, i) => ({
      action: 'scan',
      target: `old-${i}`,
    })),
  );

  const seen: AuditEventRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryEvents(
      {},
      { limit: 40, ...(cursor ? { cursor } : {}) },
    );
    seen.push(...page.items);
    cursor = page.nextCursor;
    await store.recordEvents([{ action: 'scan', target: 'new' }]);
  } while (cursor !== undefined);

  const old = seen
    .filter((event) => event.target !== 'new')
    .map((event) => event.id);
  assert.deepEqual(old, first);
  assert.equal(new Set(seen.map((event) => event.id)).size, seen.length);
  await store.close();
});

test('descending pages walk back from the newest', async () => {
  const store = await openAuditStore({ path: tempDbPath() });
  const ids = await store.recordEvents(
    Array.from({ length: 5 }, () => ({ action: 'scan' })),
  );
  const page1 = await store.queryEvents({}, { order: 'desc', limit: 3 });
  const page2 = await store.queryEvents(
    {},
    { order: 'desc', limit: 3, cursor: page1.nextCursor as string },
  );

  assert.deepEqual(
    [...page1.items, ...page2.items].map((event) => event.id),
    [...ids].reverse(),
  );
  assert.equal(page2.nextCursor, undefined);
  await store.close();
});

test('a forged cursor or page size is refused with a typed error', async () => {
  const store = await openAuditStore({ path: tempDbPath() });
  await assert.rejects(store.queryEvents({}, { cursor: 'nonsense' }), {
    code: 'INVALID_INPUT',
    field: 'cursor',
  });
  await assert.rejects(store.queryEvents({}, { limit: 0 }), {
    code: 'INVALID_INPUT',
    field: 'limit',
  });
  await store.close();
});

test('a write is visible to the next read that starts after its promise resolved', async () => {
  const store = await openAuditStore({ path: tempDbPath() });
  for (let i = 0; i < 30; i++) {
    const id = await store.recordEvent({
      action: 'scan',
      requestId: `req-${i}`,
    });
    const page = await store.queryEvents({ requestId: `req-${i}` });
    assert.equal(page.items[0]?.id, id);
  }
  await store.close();
});

test('a pool read connection cannot write, even given a write statement', async () => {
  const dbPath = tempDbPath();
  const store = await openAuditStore({ path: dbPath });
  await store.recordEvent({ action: 'scan' });

  const db = openReadConnection(dbPath, 1000);
  assert.throws(() => db.exec('DELETE FROM audit_events'), {
    code: 'SQLITE_READONLY',
  });
  assert.throws(() => db.exec('CREATE TABLE intruder (x)'), {
    code: 'SQLITE_READONLY',
  });
  db.close();
  assert.equal((await store.queryEvents()).items.length, 1);
  await store.close();
});

test('activity, scans and egress have paged reads with filters', async () => {
  const store = await openAuditStore({ path: tempDbPath() });
  await store.recordActivity({
    actor: 'bob',
    targetType: 'skill',
    targetId: 'a',
  });
  await store.recordActivity({
    actor: 'eve',
    targetType: 'skill',
    targetId: 'b',
  });
  await store.recordScan({
    scanner: 'mcp',
    target: 'srv',
    findings: [{ severity: 'LOW', title: 'x' }],
  });
  await store.recordEgress({
    hostname: 'evil.example',
    policyOutcome: 'block',
    blocked: true,
  });
  await store.recordEgress({ hostname: 'ok.example', policyOutcome: 'allow' });

  assert.deepEqual(
    (await store.queryActivity({ actor: 'eve' })).items.map((a) => a.targetId),
    ['b'],
  );
  const scans = await store.queryScans({ scanner: 'mcp' });
  assert.equal(scans.items[0]?.findings[0]?.title, 'x');
  assert.deepEqual(
    (await store.queryEgress({ blocked: true })).items.map((e) => e.hostname),
    ['evil.example'],
  );
  await store.close();
});
