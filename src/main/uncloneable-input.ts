import { invalidInput, type AuditError } from '../protocol/audit-error.ts';
import type { WriteRequest } from '../protocol/write-request.ts';

/** The error postMessage throws for a value structured clone cannot copy. */
export function isCloneError(error: unknown): boolean {
  return error instanceof Error && error.name === 'DataCloneError';
}

/**
 * The INVALID_INPUT error for a request that cannot travel to the writer
 * thread, naming the innermost field structured clone refuses (a function,
 * a symbol, a class with native state).
 */
export function uncloneableInput(request: WriteRequest): AuditError {
  const input: unknown = request.input;
  const field = findUncloneable(input, Array.isArray(input) ? 'events' : '');
  return invalidInput(
    field === '' ? 'input' : field,
    'holds a value that cannot be sent to the writer thread ' +
      '(a function or a symbol, for example); pass plain data',
  );
}

function findUncloneable(value: unknown, path: string): string {
  if (typeof value !== 'object' || value === null) return path;
  for (const [key, child] of Object.entries(value)) {
    if (!canClone(child)) {
      return findUncloneable(child, path === '' ? key : `${path}.${key}`);
    }
  }
  return path;
}

function canClone(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
