import { invalidInput, type AuditError } from '../protocol/audit-error.ts';
import type { WriteRequest } from '../protocol/write-request.ts';
import { AUDIT_EVENTS_TABLE } from '../worker/tables/audit-events-table.ts';

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
  const field = uncloneablePath(request);
  return invalidInput(
    field === '' ? 'input' : field,
    'holds a value that cannot be sent to the writer thread ' +
      '(a function or a symbol, for example); pass plain data',
  );
}

function uncloneablePath(request: WriteRequest): string {
  switch (request.op) {
    case 'audit-event':
      return findInRow(request.input, '');
    case 'audit-events': {
      const index = request.input.findIndex((row) => !canClone(row));
      const row = request.input[index];
      return row === undefined ? 'events' : findInRow(row, `events.${index}`);
    }
    default:
      return findUncloneable(request.input, '');
  }
}

/** Encoded events hold their values by column; name the field instead. */
function findInRow(row: readonly unknown[], path: string): string {
  const index = row.findIndex((value) => !canClone(value));
  const column = AUDIT_EVENTS_TABLE.columns[index];
  if (column === undefined) return path;
  const field = path === '' ? column.field : `${path}.${column.field}`;
  return findUncloneable(row[index], field);
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
