import { invalidInput } from '../protocol/audit-error.ts';
import { FIELD_LIMITS } from '../protocol/field-limits.ts';
import { parseSeverity } from '../protocol/severity.ts';
import { canonicalTimestamp, formatCanonical } from './canonical-timestamp.ts';
import type {
  ColumnSpec,
  JsonShape,
  ProvenanceKey,
  TableSpec,
} from './column-spec.ts';
import { checkJsonShape } from './json-shape.ts';
import { checkJsonValue } from './json-value.ts';
import { newId } from './new-id.ts';

export type SqlValue = string | number | null;

/** What the normaliser needs from the store beyond the input itself. */
export interface NormalizeContext {
  provenance: Readonly<Record<ProvenanceKey, string | number | null>>;
  isKnownAction(action: string): boolean;
  /** One clock reading per group, so one request's rows agree. */
  now: number;
}

/**
 * Validates one input object against a table's columns and returns the
 * values to bind, in column order. Throws INVALID_INPUT naming the field.
 */
export function normalizeRow(
  spec: TableSpec,
  input: unknown,
  context: NormalizeContext,
  path: string,
): SqlValue[] {
  const record = requireObject(input, path);
  rejectUnknownFields(spec, record, path);

  const values: SqlValue[] = new Array(spec.columns.length);
  for (let i = 0; i < spec.columns.length; i++) {
    const column = spec.columns[i] as ColumnSpec;
    const field = path === '' ? column.field : `${path}.${column.field}`;
    values[i] = normalizeValue(column, record[column.field], context, field);
  }
  return values;
}

export function requireObject(
  input: unknown,
  path: string,
): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalidInput(path || 'input', 'expected an object');
  }
  return input as Record<string, unknown>;
}

const knownFields = new WeakMap<TableSpec, Set<string>>();

export function rejectUnknownFields(
  spec: TableSpec,
  record: Record<string, unknown>,
  path: string,
): void {
  let fields = knownFields.get(spec);
  if (fields === undefined) {
    fields = new Set(spec.columns.map((column) => column.field));
    knownFields.set(spec, fields);
  }
  for (const key in record) {
    if (!fields.has(key) && record[key] !== undefined) {
      const where = path === '' ? key : `${path}.${key}`;
      throw invalidInput(where, `is not a field of ${spec.table}`);
    }
  }
}

export function normalizeValue(
  column: ColumnSpec,
  value: unknown,
  context: NormalizeContext,
  field: string,
): SqlValue {
  const absent = value === undefined || value === null;
  switch (column.kind) {
    case 'id':
      return absent ? newId() : checkText(value, FIELD_LIMITS.shortText, field);
    case 'timestamp':
      return absent
        ? formatCanonical(context.now)
        : canonicalTimestamp(value as never, field);
    case 'text':
      if (absent) return textFallback(column.fallback, column.required, field);
      return checkText(value, column.max, field);
    case 'integer':
      if (absent) return required(column.required, field);
      return checkInteger(value, column.min, field);
    case 'real':
      return absent ? null : checkReal(value, column.min, column.max, field);
    case 'flag':
      if (absent) return column.falseAs;
      if (typeof value !== 'boolean')
        throw invalidInput(field, 'expected a boolean');
      return value ? 1 : column.falseAs;
    case 'json':
      return absent ? null : serializeJson(value, column.shape, field);
    case 'severity':
      if (absent) return column.fallback ?? required(column.required, field);
      return checkSeverity(value, field);
    case 'action':
      if (absent && column.fallback !== undefined) return column.fallback;
      return checkAction(value, context, field);
    case 'provenance':
      if (absent) return context.provenance[column.key];
      return column.type === 'text'
        ? checkText(value, FIELD_LIMITS.shortText, field)
        : checkInteger(value, 0, field);
  }
}

function required(isRequired: boolean | undefined, field: string): null {
  if (isRequired === true) throw invalidInput(field, 'is required');
  return null;
}

function textFallback(
  fallback: string | undefined,
  isRequired: boolean | undefined,
  field: string,
): string | null {
  return fallback ?? required(isRequired, field);
}

/**
 * Text must be valid Unicode without NUL: a NUL cuts the value short in C
 * tools such as the sqlite3 shell, and a lone surrogate cannot be encoded
 * as UTF-8 at all.
 */
export function checkText(value: unknown, max: number, field: string): string {
  if (typeof value !== 'string') throw invalidInput(field, 'expected text');
  if (value.includes('\0')) throw invalidInput(field, 'contains a NUL byte');
  if (!value.isWellFormed()) {
    throw invalidInput(field, 'contains invalid Unicode (a lone surrogate)');
  }
  // Most values are far under the limit; only measure bytes near it.
  if (value.length * 3 > max && Buffer.byteLength(value, 'utf8') > max) {
    throw invalidInput(field, `is longer than ${max} bytes of UTF-8`);
  }
  return value;
}

function checkInteger(
  value: unknown,
  min: number | undefined,
  field: string,
): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidInput(field, 'expected a whole number');
  }
  if (min !== undefined && value < min) {
    throw invalidInput(field, `must be at least ${min}`);
  }
  return value;
}

function checkReal(
  value: unknown,
  min: number | undefined,
  max: number | undefined,
  field: string,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidInput(field, 'expected a finite number');
  }
  if (
    (min !== undefined && value < min) ||
    (max !== undefined && value > max)
  ) {
    throw invalidInput(field, `must be between ${min} and ${max}`);
  }
  return value;
}

export function checkSeverity(value: unknown, field: string): string {
  const severity = typeof value === 'string' ? parseSeverity(value) : undefined;
  if (severity === undefined) {
    throw invalidInput(
      field,
      `${JSON.stringify(value)} is not one of CRITICAL, HIGH, MEDIUM, LOW, WARN, INFO`,
    );
  }
  return severity;
}

function checkAction(
  value: unknown,
  context: NormalizeContext,
  field: string,
): string {
  const action = checkText(value, FIELD_LIMITS.shortText, field);
  if (!context.isKnownAction(action)) {
    throw invalidInput(
      field,
      `"${action.slice(0, 64)}" is not a known audit action (see AUDIT_ACTIONS)`,
    );
  }
  return action;
}

export function serializeJson(
  value: unknown,
  shape: JsonShape,
  field: string,
): string {
  checkJsonShape(value, shape, field);
  checkJsonValue(value, field);
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw invalidInput(field, `cannot be serialised as JSON: ${String(error)}`);
  }
  return checkText(text, FIELD_LIMITS.json, field);
}
