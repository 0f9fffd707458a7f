import type { TableSpec } from './column-spec.ts';

type Row = Record<string, unknown>;

/**
 * Turns a stored row back into the record shape of the public API: field
 * names from the spec, JSON columns parsed, flags as booleans. Columns
 * missing from an old database read as null.
 */
export function rowToRecord<T>(spec: TableSpec, row: Row): T {
  const record: Record<string, unknown> = {};
  for (const column of spec.columns) {
    const value = row[column.column] ?? null;
    record[column.field] = convert(column.kind, value);
  }
  if ('rowid' in row) record['rowid'] = row['rowid'];
  return record as T;
}

function convert(kind: string, value: unknown): unknown {
  if (value === null) return kind === 'flag' ? false : null;
  if (kind === 'flag') return value === 1;
  if (kind === 'json') return parseJson(value);
  return value;
}

/** Rows from other tools may hold broken JSON; keep the text then. */
export function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
