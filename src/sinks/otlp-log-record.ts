import type { AuditEventRecord } from '../protocol/audit-event.ts';
import type { Severity } from '../protocol/severity.ts';
import { canonicalToRfc3339 } from '../worker/canonical-timestamp.ts';
import { eventColumns } from './event-columns.ts';

/** An OTLP `AnyValue` in the JSON encoding; int64 travels as text. */
export type OtlpValue =
  | { stringValue: string }
  | { intValue: string }
  | { doubleValue: number }
  | { boolValue: boolean };

export interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}

export interface OtlpLogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  body: { stringValue: string };
  attributes: OtlpAttribute[];
  traceId?: string;
  spanId?: string;
}

/**
 * Store severities on the OTLP scale (INFO 9-12, WARN 13-16, ERROR 17-20,
 * FATAL 21-24), keeping their order: a finding rated HIGH is an error in a
 * log viewer, a CRITICAL one is fatal.
 */
export const OTLP_SEVERITY_NUMBER: Readonly<Record<Severity, number>> = {
  INFO: 9,
  LOW: 10,
  WARN: 13,
  MEDIUM: 14,
  HIGH: 17,
  CRITICAL: 21,
};

const TRACE_ID = /^[0-9a-f]{32}$/i;
const SPAN_ID = /^[0-9a-f]{16}$/i;

/** One audit event as an OTLP log record; every column an `audit.*` attribute. */
export function otlpLogRecord(
  event: AuditEventRecord,
  observedMs: number,
): OtlpLogRecord {
  const severity = event.severity ?? 'INFO';
  const record: OtlpLogRecord = {
    timeUnixNano: unixNano(Date.parse(canonicalToRfc3339(event.timestamp))),
    observedTimeUnixNano: unixNano(observedMs),
    severityNumber: OTLP_SEVERITY_NUMBER[severity],
    severityText: severity,
    body: { stringValue: event.details ?? describe(event) },
    attributes: attributes(event),
  };

  // The OTLP fields take only W3C ids; any other id stays an attribute.
  if (event.traceId !== null && TRACE_ID.test(event.traceId)) {
    record.traceId = event.traceId.toLowerCase();
  }
  if (event.spanId !== null && SPAN_ID.test(event.spanId)) {
    record.spanId = event.spanId.toLowerCase();
  }
  return record;
}

function attributes(event: AuditEventRecord): OtlpAttribute[] {
  const result: OtlpAttribute[] = [];
  for (const [column, value] of Object.entries(eventColumns(event))) {
    const converted = otlpValue(value);
    if (converted !== undefined) {
      result.push({ key: `audit.${column}`, value: converted });
    }
  }
  return result;
}

function otlpValue(value: unknown): OtlpValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') {
    return Number.isSafeInteger(value)
      ? { intValue: String(value) }
      : { doubleValue: value };
  }
  if (typeof value === 'string') return { stringValue: value };
  return { stringValue: JSON.stringify(value) };
}

function describe(event: AuditEventRecord): string {
  const action = String(event.action);
  return event.target === null ? action : `${action} ${event.target}`;
}

function unixNano(ms: number): string {
  return (BigInt(Math.trunc(ms)) * 1_000_000n).toString();
}
