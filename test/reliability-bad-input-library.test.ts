import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import fc from 'fast-check';

import { AuditError, openAuditStore } from '../src/index.ts';
import {
  requiredFields,
  WRITE_DOORS,
  type WriteDoor,
} from './fixtures/reliability-doors.ts';
import { hostileValue } from './fixtures/reliability-hostile-values.ts';
import { totalRows } from './fixtures/reliability-ids.ts';
import { tempDir } from './helpers/temp-dir.ts';

/** Generated cases per write method; CI runs this many, soaks more. */
const RUNS = Number(process.env['BAD_INPUT_RUNS'] ?? 150);

interface Mutation {
  field: string;
  value?: unknown;
  missing?: true;
}

function mutations(door: WriteDoor): fc.Arbitrary<Mutation> {
  const known = new Set([...door.columns.map((c) => c.field), 'scanId']);
  const hostile = fc
    .constantFrom(...door.columns)
    .chain((column) =>
      hostileValue(column).map((value) => ({ field: column.field, value })),
    );
  const unknownField = fc
    .string({ minLength: 1 })
    .filter((field) => !known.has(field))
    .map((field) => ({ field, value: 'x' }));
  const required = requiredFields(door);
  if (required.length === 0) return fc.oneof(hostile, unknownField);
  const missing = fc
    .constantFrom(...required)
    .map((field): Mutation => ({ field, missing: true }));
  return fc.oneof(hostile, unknownField, missing);
}

function apply(door: WriteDoor, mutation: Mutation): Record<string, unknown> {
  const input: Record<string, unknown> = { ...door.valid };
  if (mutation.missing) {
    delete input[mutation.field];
  } else {
    // defineProperty, so that a key such as `__proto__` is a real field.
    Object.defineProperty(input, mutation.field, {
      value: mutation.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return input;
}

function assertRefused(error: unknown, expectedField: string): void {
  assert.ok(error instanceof AuditError, `not an AuditError: ${String(error)}`);
  assert.equal(error.code, 'INVALID_INPUT', error.message);
  const field = error.field ?? '';
  // A diff entry's error names the entry inside the field: diff.0.path.
  assert.ok(
    field === expectedField || field.startsWith(`${expectedField}.`),
    `named ${field}, expected ${expectedField}: ${error.message}`,
  );
}

for (const door of WRITE_DOORS) {
  test(`${door.name}: each hostile value is refused alone with INVALID_INPUT naming its field, and nothing of it is written`, async (t) => {
    const dbPath = path.join(tempDir(), 'audit.db');
    const store = await openAuditStore({ path: dbPath, readers: 1 });
    t.after(() => store.close());
    await door.send(store, { ...door.valid });

    await fc.assert(
      fc.asyncProperty(mutations(door), async (mutation) => {
        const before = totalRows(dbPath);
        // Neighbours in the same turn share the bad call's group commit.
        const [left, bad, right] = await Promise.allSettled([
          store.recordEvent({ action: 'scan' }),
          door.send(store, apply(door, mutation)),
          store.recordEvent({ action: 'scan' }),
        ]);
        assert.equal(left.status, 'fulfilled', 'a neighbour failed');
        assert.equal(right.status, 'fulfilled', 'a neighbour failed');
        assert.equal(bad.status, 'rejected', 'a hostile value was accepted');
        assertRefused(bad.reason, door.path(mutation.field));
        assert.equal(totalRows(dbPath), before + 2);
      }),
      { numRuns: RUNS },
    );
  });
}
