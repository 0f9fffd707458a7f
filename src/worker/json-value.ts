import { invalidInput } from '../protocol/audit-error.ts';
import { isPlainObject } from './json-shape.ts';

/** Deeper documents are refused: nothing an audit event needs nests so. */
const MAX_DEPTH = 64;

/**
 * Refuses what JSON.stringify would silently change: NaN and Infinity
 * (written as null), Dates, Maps, Sets and class instances (written as
 * strings or `{}`), BigInts (a throw), and `undefined` inside arrays
 * (written as null). `undefined` object properties are dropped, as
 * optional fields are. The error names the path to the bad value.
 */
export function checkJsonValue(value: unknown, field: string, depth = 0): void {
  if (depth > MAX_DEPTH) {
    throw invalidInput(field, `nests deeper than ${MAX_DEPTH} levels`);
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) {
        throw invalidInput(field, `${value} is not a JSON number`);
      }
      return;
    case 'object':
      checkContainer(value, field, depth);
      return;
    default:
      throw invalidInput(field, `a ${typeof value} is not a JSON value`);
  }
}

function checkContainer(value: object | null, field: string, depth: number) {
  if (value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      checkJsonValue(value[i], `${field}.${i}`, depth + 1);
    }
    return;
  }
  if (!isPlainObject(value)) {
    const kind = value.constructor?.name ?? 'object';
    throw invalidInput(field, `a ${kind} is not a JSON value`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) checkJsonValue(item, `${field}.${key}`, depth + 1);
  }
}
