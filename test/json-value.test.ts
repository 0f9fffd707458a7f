import assert from 'node:assert/strict';
import { test } from 'node:test';

import { AuditError } from '../src/index.ts';
import { checkJsonValue } from '../src/worker/json-value.ts';

function refusal(value: unknown): { field?: string; message: string } {
  try {
    checkJsonValue(value, 'structured');
  } catch (error) {
    assert.ok(error instanceof AuditError, String(error));
    assert.equal(error.code, 'INVALID_INPUT');
    return { field: error.field, message: error.message };
  }
  assert.fail('the value was accepted');
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

test('plain JSON passes, undefined object properties included', () => {
  checkJsonValue(
    { a: [1, 'x', null, true, { b: -0.5 }], c: undefined, d: {} },
    'structured',
  );
  checkJsonValue(Object.assign(Object.create(null), { a: 1 }), 'structured');
});

test('a refused value is named by its path below the field', () => {
  assert.equal(refusal({ a: [1, { b: NaN }] }).field, 'structured.a.1.b');
  assert.equal(refusal([Infinity]).field, 'structured.0');
  assert.equal(refusal({ when: new Date(0) }).field, 'structured.when');
  assert.match(refusal({ when: new Date(0) }).message, /Date/);
  assert.equal(refusal({ n: 1n }).field, 'structured.n');
  assert.equal(refusal([1, undefined]).field, 'structured.1');
  assert.equal(refusal(() => 1).field, 'structured');
});

test('nesting is accepted to 64 levels and refused below that', () => {
  checkJsonValue(nested(64), 'structured');
  assert.match(refusal(nested(65)).message, /nests deeper than 64 levels/);
});
