import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import fc from 'fast-check';

import { AuditError, FIELD_LIMITS, openAuditStore } from '../src/index.ts';
import { hostileText } from './fixtures/reliability-hostile-values.ts';
import { totalRows } from './fixtures/reliability-ids.ts';
import { tempDir } from './helpers/temp-dir.ts';

const RUNS = Number(process.env['BAD_INPUT_RUNS'] ?? 150);

const OPS = [
  'audit-event',
  'activity',
  'scan',
  'egress',
  'judge',
  'snapshot',
  'sink-health',
  'enforcement-set',
  'enforcement-clear',
  'enforcement-remove',
  'sink-cursor',
];

/** Anything that is not an object: what a single-object op must refuse. */
const notAnObject = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.string(),
  fc.boolean(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.bigInt(),
);

/**
 * Raw requests as another thread could post them to the writer, bypassing
 * the typed methods: the writer must validate each one itself.
 */
const malformedRequest = fc.oneof(
  fc.anything().filter((value) => !isObjectWithOp(value)),
  fc.record({
    op: fc.string().filter((op) => !OPS.includes(op) && op !== 'audit-events'),
    input: fc.anything(),
  }),
  fc.record({ op: fc.constantFrom(...OPS), input: notAnObject }),
  fc.record({
    op: fc.constant('audit-events'),
    input: fc.oneof(
      notAnObject.filter((value) => !Array.isArray(value)),
      fc.array(notAnObject, { minLength: 1, maxLength: 3 }),
    ),
  }),
  fc.record({
    op: fc.constant('sink-cursor'),
    input: fc.oneof(
      fc.record({
        sinkName: hostileText(FIELD_LIMITS.shortText),
        position: fc.nat(),
      }),
      fc.record({
        sinkName: fc.constant('splunk'),
        position: fc.oneof(
          fc.integer({ max: -1 }),
          fc.double().filter((n) => !Number.isSafeInteger(n)),
          fc.string(),
          fc.boolean(),
          fc.constant({}),
        ),
      }),
    ),
  }),
  fc.record({
    op: fc.constant('enforcement-set'),
    input: fc.oneof(
      fc.record({
        targetType: fc.constant('skill'),
        targetName: hostileText(FIELD_LIMITS.mediumText),
        actions: fc.constant({ install: 'block' }),
      }),
      fc.record({
        targetType: fc.constant('skill'),
        targetName: fc.constant('web'),
        actions: fc.oneof(
          fc.record({
            install: fc
              .string()
              .filter((v) => !['block', 'allow', 'none'].includes(v)),
          }),
          fc.record({ fly: fc.constant('away') }),
          notAnObject,
        ),
      }),
    ),
  }),
);

function isObjectWithOp(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'op' in value;
}

test('the writer refuses malformed raw requests with INVALID_INPUT, alone, writing nothing', async (t) => {
  const dbPath = path.join(tempDir(), 'audit.db');
  const store = await openAuditStore({ path: dbPath, readers: 1 });
  t.after(() => store.close());

  await fc.assert(
    fc.asyncProperty(malformedRequest, async (request) => {
      const before = totalRows(dbPath);
      const [left, bad, right] = await Promise.allSettled([
        store.recordEvent({ action: 'scan' }),
        store.write(request as never),
        store.recordEvent({ action: 'scan' }),
      ]);
      assert.equal(left.status, 'fulfilled');
      assert.equal(right.status, 'fulfilled');
      assert.equal(bad.status, 'rejected', 'a malformed request was accepted');
      const error: unknown = bad.reason;
      assert.ok(error instanceof AuditError, String(error));
      assert.equal(error.code, 'INVALID_INPUT', error.message);
      assert.ok((error.field ?? '') !== '', 'the error names no field');
      assert.ok(error.message.length < 2000, 'the message echoes the input');
      assert.equal(totalRows(dbPath), before + 2);
    }),
    { numRuns: RUNS },
  );
});
