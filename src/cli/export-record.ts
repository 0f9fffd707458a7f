import type { ActivityEventRecord } from '../protocol/activity-event.ts';
import type { AuditEventRecord } from '../protocol/audit-event.ts';
import { parseSeverity } from '../protocol/severity.ts';
import { canonicalToRfc3339 } from '../worker/canonical-timestamp.ts';
import { sortedJson } from './sorted-json.ts';

/** How many rows held JSON that the export could not pass on as-is. */
export interface ExportAnomalies {
  unreadableStructured: number;
}

/**
 * One audit event as an export line: the snake_case keys of the original
 * exporter, every one present, in alphabetical order, newline-terminated.
 * Rows written by other tools are normalised rather than trusted: a blank
 * actor becomes `system:defenseclaw`, an unknown severity INFO, blank text
 * null.
 */
export function auditEventLine(
  event: AuditEventRecord,
  anomalies: ExportAnomalies,
): string {
  const structured = objectOrNull(event.structured);
  if (structured === null && event.structured !== null) {
    anomalies.unreadableStructured++;
  }
  return `${sortedJson({
    action: event.action,
    actor: blankToNull(event.actor) ?? 'system:defenseclaw',
    agent_id: blankToNull(event.agentId),
    agent_instance_id: blankToNull(event.agentInstanceId),
    agent_name: blankToNull(event.agentName),
    binary_version: blankToNull(event.binaryVersion),
    connector: blankToNull(event.connector),
    content_hash: blankToNull(event.contentHash),
    destination_app: blankToNull(event.destinationApp),
    details: blankToNull(event.details),
    generation: event.generation,
    id: event.id,
    policy_id: blankToNull(event.policyId),
    run_id: blankToNull(event.runId),
    schema_version: event.schemaVersion,
    session_id: blankToNull(event.sessionId),
    severity: parseSeverity(event.severity ?? '') ?? 'INFO',
    sidecar_instance_id: blankToNull(event.sidecarInstanceId),
    span_id: blankToNull(event.spanId),
    structured,
    target: blankToNull(event.target),
    timestamp: canonicalToRfc3339(event.timestamp),
    tool_id: blankToNull(event.toolId),
    tool_name: blankToNull(event.toolName),
    trace_id: blankToNull(event.traceId),
  })}\n`;
}

/** One activity row as an export line, appended after the audit lines. */
export function activityLine(activity: ActivityEventRecord): string {
  return `${sortedJson({
    action: activity.action,
    actor: activity.actor,
    after: objectOrNull(activity.after),
    before: objectOrNull(activity.before),
    diff: Array.isArray(activity.diff) ? activity.diff : null,
    reason: blankToNull(activity.reason),
    target_id: activity.targetId,
    target_type: activity.targetType,
    version_from: blankToNull(activity.versionFrom),
    version_to: blankToNull(activity.versionTo),
  })}\n`;
}

function blankToNull(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === ''
    ? null
    : value;
}

/** Broken JSON reaches us as its raw text; arrays are not objects. */
function objectOrNull(value: unknown): object | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? value
    : null;
}
