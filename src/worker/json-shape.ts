import { invalidInput } from '../protocol/audit-error.ts';
import type { JsonShape } from './column-spec.ts';

/** Checks a JSON-bound value has the shape its column promises. */
export function checkJsonShape(
  value: unknown,
  shape: JsonShape,
  field: string,
): void {
  switch (shape) {
    case 'any':
      return;
    case 'object':
      if (!isPlainObject(value))
        throw invalidInput(field, 'expected a JSON object');
      return;
    case 'array':
      if (!Array.isArray(value)) throw invalidInput(field, 'expected an array');
      return;
    case 'string-array':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        throw invalidInput(field, 'expected an array of strings');
      }
      return;
    case 'string-map':
      if (
        !isPlainObject(value) ||
        !Object.values(value).every((v) => typeof v === 'string')
      ) {
        throw invalidInput(field, 'expected an object of string values');
      }
      return;
    case 'diff':
      checkDiff(value, field);
      return;
  }
}

function checkDiff(value: unknown, field: string): void {
  if (!Array.isArray(value)) throw invalidInput(field, 'expected an array');
  value.forEach((entry: unknown, index) => {
    const where = `${field}.${index}`;
    if (!isPlainObject(entry)) throw invalidInput(where, 'expected an object');
    if (typeof entry['path'] !== 'string') {
      throw invalidInput(`${where}.path`, 'expected text');
    }
    if (typeof entry['op'] !== 'string') {
      throw invalidInput(`${where}.op`, 'expected text');
    }
  });
}

export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
