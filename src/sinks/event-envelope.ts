import type { AuditEventRecord } from '../protocol/audit-event.ts';
import { canonicalToRfc3339 } from '../worker/canonical-timestamp.ts';
import { eventColumns } from './event-columns.ts';

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
const ENVELOPE_COLUMNS = new Set<string>([
  ...ID_COLUMNS,
  'id',
  'timestamp',
  'action',
  'severity',
  'schema_version',
]);

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
  const columns = eventColumns(event);
  const ids = Object.fromEntries(
    ID_COLUMNS.map((column) => [column, columns[column]]),
  ) as EventEnvelope['ids'];
  const payload = Object.fromEntries(
    Object.entries(columns).filter(([key]) => !ENVELOPE_COLUMNS.has(key)),
  );

  return {
    ts: canonicalToRfc3339(event.timestamp),
    event_type: String(event.action),
    severity: event.severity ?? 'INFO',
    schema_version: event.schemaVersion ?? null,
    id: event.id,
    ids,
    payload,
  };
}
