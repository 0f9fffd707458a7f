import type { AuditEventRecord } from '../protocol/audit-event.ts';
import { canonicalToRfc3339 } from '../worker/canonical-timestamp.ts';
import { AUDIT_EVENTS_TABLE } from '../worker/tables/audit-events-table.ts';

/** The correlation ids an envelope carries under `ids`. */
const ID_COLUMNS = [
  'run_id',
  'request_id',
  'session_id',
  'trace_id',
  'span_id',
  'agent_id',
  'agent_instance_id',
  'sidecar_instance_id',
] as const;

/** Carried at the top of the envelope rather than in its payload. */
const TOP_COLUMNS = new Set<string>([
  ...ID_COLUMNS,
  'id',
  'timestamp',
  'action',
  'severity',
  'schema_version',
]);

/**
 * [record field, envelope key] pairs, worked out once from the table spec:
 * a catching-up sink builds hundreds of thousands of envelopes, and plain
 * loops over fixed pairs cost a fraction of generic object reshaping.
 */
const ID_PAIRS = pairs((column) =>
  (ID_COLUMNS as readonly string[]).includes(column),
);
const PAYLOAD_PAIRS = pairs((column) => !TOP_COLUMNS.has(column));

/**
 * One line of `gateway.jsonl` and of the `http_jsonl` and `splunk_hec`
 * sinks: `id` is the event id, the key receivers drop duplicates by.
 */
export interface EventEnvelope {
  ts: string;
  event_type: string;
  severity: string;
  schema_version: number | null;
  id: string | null;
  ids: Record<(typeof ID_COLUMNS)[number], unknown>;
  payload: Record<string, unknown>;
}

export function eventEnvelope(event: AuditEventRecord): EventEnvelope {
  const record = event as unknown as Record<string, unknown>;
  return {
    ts: canonicalToRfc3339(event.timestamp),
    event_type: String(event.action),
    severity: event.severity ?? 'INFO',
    schema_version: event.schemaVersion ?? null,
    id: event.id,
    ids: pick(record, ID_PAIRS) as EventEnvelope['ids'],
    payload: pick(record, PAYLOAD_PAIRS),
  };
}

function pairs(keep: (column: string) => boolean): [string, string][] {
  return AUDIT_EVENTS_TABLE.columns
    .filter(({ column }) => keep(column))
    .map(({ field, column }) => [
      field,
      column === 'structured_json' ? 'structured' : column,
    ]);
}

function pick(
  record: Record<string, unknown>,
  fieldPairs: readonly [string, string][],
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [field, key] of fieldPairs) result[key] = record[field] ?? null;
  return result;
}
