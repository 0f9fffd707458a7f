import type { AuditEventRecord } from '../protocol/audit-event.ts';
import type { EventFilter } from '../protocol/read-query.ts';
import { severitiesAtLeast, type Severity } from '../protocol/severity.ts';

/**
 * The filter applied in memory, for reads that cannot take one (`tail
 * --follow` reads new rows by rowid). Agrees with the SQL of the read
 * pool: exact stored values, the same severity set.
 */
export function eventMatcher(
  filter: EventFilter,
): (event: AuditEventRecord) => boolean {
  const severities =
    filter.minSeverity === undefined
      ? undefined
      : new Set<string>(severitiesAtLeast(filter.minSeverity as Severity));
  const equal = (wanted: string | undefined, actual: string | null) =>
    wanted === undefined || wanted === actual;

  return (event) =>
    equal(filter.action, event.action) &&
    (filter.actionPrefix === undefined ||
      (event.action ?? '').startsWith(filter.actionPrefix)) &&
    (severities === undefined || severities.has(event.severity ?? '')) &&
    equal(filter.requestId, event.requestId) &&
    equal(filter.sessionId, event.sessionId) &&
    equal(filter.traceId, event.traceId) &&
    equal(filter.runId, event.runId);
}
