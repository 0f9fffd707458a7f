import { invalidInput } from '../protocol/audit-error.ts';
import type { EncodedAuditEvent } from '../protocol/encoded-audit-event.ts';
import { FIELD_LIMITS } from '../protocol/field-limits.ts';
import { canonicalTimestamp } from '../worker/canonical-timestamp.ts';
import type { ColumnSpec } from '../worker/column-spec.ts';
import {
  rejectUnknownFields,
  requireObject,
  serializeJson,
} from '../worker/row-normalizer.ts';
import { AUDIT_EVENTS_TABLE } from '../worker/tables/audit-events-table.ts';

/**
 * Turns a caller's audit event into the row the writer thread inserts
 * (see `EncodedAuditEvent`). It does here, on the caller's thread, the
 * checks that need the object itself: unknown fields, the JSON value of
 * `structured` and the timestamp. Everything else is copied as given and
 * checked by the writer. Throws INVALID_INPUT naming the field, with the
 * same messages the writer gives.
 *
 * The column declarations are the writer's own, imported rather than
 * copied, so both ends of the encoding read the same list.
 */
export function encodeAuditEvent(input: unknown, path = ''): EncodedAuditEvent {
  const record = requireObject(input, path);
  rejectUnknownFields(AUDIT_EVENTS_TABLE, record, path);

  const { columns } = AUDIT_EVENTS_TABLE;
  const row: unknown[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as ColumnSpec;
    row[i] = encodeValue(column, record[column.field], path);
  }
  return row;
}

/** A `recordEvents` batch, refused whole when it is not a list or too long. */
export function encodeAuditEvents(inputs: unknown): EncodedAuditEvent[] {
  if (!Array.isArray(inputs)) throw invalidInput('events', 'expected an array');
  if (inputs.length > FIELD_LIMITS.batchItems) {
    throw invalidInput(
      'events',
      `holds ${inputs.length} events; send at most ${FIELD_LIMITS.batchItems} per call`,
    );
  }
  const rows = new Array<EncodedAuditEvent>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    rows[i] = encodeAuditEvent(inputs[i], `events.${i}`);
  }
  return rows;
}

function encodeValue(column: ColumnSpec, value: unknown, path: string) {
  if (value === undefined || value === null) return null;
  switch (column.kind) {
    case 'json':
      return serializeJson(value, column.shape, fieldPath(path, column));
    case 'timestamp':
      return canonicalTimestamp(value as never, fieldPath(path, column));
    default:
      return value;
  }
}

function fieldPath(path: string, column: ColumnSpec): string {
  return path === '' ? column.field : `${path}.${column.field}`;
}
