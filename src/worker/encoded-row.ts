import { invalidInput } from '../protocol/audit-error.ts';
import { FIELD_LIMITS } from '../protocol/field-limits.ts';
import { formatCanonical } from './canonical-timestamp.ts';
import type { ColumnSpec, JsonShape, TableSpec } from './column-spec.ts';
import {
  checkText,
  normalizeValue,
  type NormalizeContext,
  type SqlValue,
} from './row-normalizer.ts';

/**
 * Checks a row the caller encoded (see `EncodedAuditEvent`) and returns the
 * values to bind. Every value is checked as `normalizeRow` checks a field,
 * with two differences the encoding makes: JSON arrives as text, already
 * checked by the encoder, and a timestamp arrives canonical.
 */
export function normalizeEncodedRow(
  spec: TableSpec,
  row: unknown,
  context: NormalizeContext,
  path: string,
): SqlValue[] {
  const { columns } = spec;
  if (!Array.isArray(row) || row.length !== columns.length) {
    throw invalidInput(
      path || 'event',
      `expected an encoded ${spec.table} row of ${columns.length} values`,
    );
  }

  const values: SqlValue[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as ColumnSpec;
    const field = path === '' ? column.field : `${path}.${column.field}`;
    values[i] = encodedValue(column, row[i], context, field);
  }
  return values;
}

function encodedValue(
  column: ColumnSpec,
  value: unknown,
  context: NormalizeContext,
  field: string,
): SqlValue {
  switch (column.kind) {
    case 'json':
      return checkJsonText(value, column.shape, field);
    case 'timestamp':
      return checkCanonical(value, context, field);
    default:
      return normalizeValue(column, value, context, field);
  }
}

/**
 * JSON arrives as the text the caller's encoder got from JSON.stringify
 * after checking the value, so the writer checks only what is cheap: text,
 * within the limit, delimited as the column's shape requires. Parsing it
 * again cost the writer thread 3 to 4 us of its time per event, and rows
 * reach this thread only through the store's own encoder.
 */
function checkJsonText(
  value: unknown,
  shape: JsonShape,
  field: string,
): string | null {
  if (value === undefined || value === null) return null;
  const text = checkText(value, FIELD_LIMITS.json, field);
  const delimiters = DELIMITERS[shape];
  if (
    delimiters !== undefined &&
    (!text.startsWith(delimiters[0]) || !text.endsWith(delimiters[1]))
  ) {
    throw invalidInput(field, `expected JSON text of ${shape} shape`);
  }
  return text;
}

/** The first and last character of JSON text of each shape, where fixed. */
const DELIMITERS: Partial<Record<JsonShape, readonly [string, string]>> = {
  object: ['{', '}'],
  'string-map': ['{', '}'],
  array: ['[', ']'],
  'string-array': ['[', ']'],
  diff: ['[', ']'],
};

/**
 * `YYYY-MM-DD HH:MM:SS` with `.SSS` only when not `.000`, from 1970 on:
 * exactly what `formatCanonical` writes, so stored timestamps keep one
 * form whoever encoded them.
 */
const CANONICAL =
  /^(?:19[7-9]\d|[2-9]\d{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]) (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.(?!000)\d{3})?$/;

function checkCanonical(
  value: unknown,
  context: NormalizeContext,
  field: string,
): string {
  if (value === undefined || value === null) {
    return formatCanonical(context.now);
  }
  if (typeof value !== 'string' || !CANONICAL.test(value)) {
    throw invalidInput(
      field,
      'expected a canonical UTC timestamp (YYYY-MM-DD HH:MM:SS[.SSS])',
    );
  }
  return value;
}
