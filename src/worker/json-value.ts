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
 *
 * Every event's payload passes through here on the caller's thread, so
 * the walk allocates nothing: the keys on the way down sit on one stack,
 * and the path is only spelled out for the error.
 */
export function checkJsonValue(value: unknown, field: string): void {
  const keys: (string | number)[] = [];
  const problem = findProblem(value, keys);
  if (problem !== undefined) {
    const path = keys.length === 0 ? field : `${field}.${keys.join('.')}`;
    throw invalidInput(path, problem);
  }
}

/** The reason `value` is refused, with `keys` left pointing at it. */
function findProblem(
  value: unknown,
  keys: (string | number)[],
): string | undefined {
  if (keys.length > MAX_DEPTH) return `nests deeper than ${MAX_DEPTH} levels`;

  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value)
        ? undefined
        : `${value} is not a JSON number`;
    case 'object':
      return value === null ? undefined : findInContainer(value, keys);
    default:
      return `a ${typeof value} is not a JSON value`;
  }
}

function findInContainer(
  value: object,
  keys: (string | number)[],
): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      keys.push(i);
      const problem = findProblem(value[i], keys);
      if (problem !== undefined) return problem;
      keys.pop();
    }
    return undefined;
  }
  if (!isPlainObject(value)) {
    return `a ${value.constructor?.name ?? 'object'} is not a JSON value`;
  }
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === undefined) continue;
    keys.push(key);
    const problem = findProblem(item, keys);
    if (problem !== undefined) return problem;
    keys.pop();
  }
  return undefined;
}
