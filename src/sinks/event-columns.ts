import type { AuditEventRecord } from '../protocol/audit-event.ts';
import { AUDIT_EVENTS_TABLE } from '../worker/tables/audit-events-table.ts';

/** An audit event keyed by its column names, as receivers see it. */
export type EventColumns = Record<string, unknown>;

/**
 * The event under its `audit_events` column names (`request_id`, ...),
 * `structured_json` as the parsed object under `structured`. Driven by the
 * table spec so a column added there reaches every sink.
 */
export function eventColumns(event: AuditEventRecord): EventColumns {
  const record = event as unknown as Record<string, unknown>;
  const columns: EventColumns = {};
  for (const { field, column } of AUDIT_EVENTS_TABLE.columns) {
    const name = column === 'structured_json' ? 'structured' : column;
    columns[name] = record[field] ?? null;
  }
  return columns;
}
