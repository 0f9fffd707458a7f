import type Database from 'better-sqlite3';

import type { ActivityEventInput } from '../protocol/activity-event.ts';
import { invalidInput } from '../protocol/audit-error.ts';
import { FIELD_LIMITS } from '../protocol/field-limits.ts';
import type { ScanResultInput } from '../protocol/scan-result.ts';
import { SINK_OUTCOMES } from '../protocol/sink-health.ts';
import type { WriteRequest } from '../protocol/write-request.ts';
import { formatCanonical } from './canonical-timestamp.ts';
import { normalizeEncodedRow } from './encoded-row.ts';
import { EnforcementWriter } from './enforcement-writer.ts';
import {
  columnIndex,
  prepareInsert,
  type InsertStatement,
} from './insert-statement.ts';
import {
  checkSeverity,
  checkText,
  normalizeRow,
  requireObject,
  type NormalizeContext,
  type SqlValue,
} from './row-normalizer.ts';
import { ScanWriter } from './scan-writer.ts';
import { ACTIVITY_EVENTS_TABLE } from './tables/activity-events-table.ts';
import { AUDIT_EVENTS_TABLE } from './tables/audit-events-table.ts';
import { EGRESS_EVENTS_TABLE } from './tables/egress-events-table.ts';
import { JUDGE_RESPONSES_TABLE } from './tables/judge-responses-table.ts';
import { SINK_HEALTH_TABLE } from './tables/sink-health-table.ts';
import { TARGET_SNAPSHOTS_TABLE } from './tables/target-snapshots-table.ts';
import { truncateUtf8 } from './truncate-utf8.ts';

/** A validated request, ready to run inside the group's transaction. */
export type PreparedWrite = () => unknown;

/**
 * Turns each write request into a prepared closure. Validation happens in
 * `prepare`, before the transaction opens, so bad input never costs a
 * rollback; the closure only binds and runs statements.
 */
export class WriteHandlers {
  readonly #context: NormalizeContext;
  readonly #auditInsert: InsertStatement;
  readonly #activityInsert: InsertStatement;
  readonly #egressInsert: InsertStatement;
  readonly #judgeInsert: InsertStatement;
  readonly #snapshotUpsert: InsertStatement;
  readonly #sinkHealthInsert: InsertStatement;
  readonly #cursorUpsert: Database.Statement<[string, number, string]>;
  readonly #scans: ScanWriter;
  readonly #enforcement: EnforcementWriter;

  constructor(db: Database.Database, context: NormalizeContext) {
    this.#context = context;
    this.#auditInsert = prepareInsert(db, AUDIT_EVENTS_TABLE);
    this.#activityInsert = prepareInsert(db, ACTIVITY_EVENTS_TABLE);
    this.#egressInsert = prepareInsert(db, EGRESS_EVENTS_TABLE);
    this.#judgeInsert = prepareInsert(db, JUDGE_RESPONSES_TABLE);
    this.#snapshotUpsert = prepareInsert(
      db,
      TARGET_SNAPSHOTS_TABLE,
      snapshotConflictClause(),
    );
    this.#sinkHealthInsert = prepareInsert(db, SINK_HEALTH_TABLE);
    this.#cursorUpsert = db.prepare(
      'INSERT INTO sink_cursors (sink_name, position, updated_at) ' +
        'VALUES (?, ?, ?) ON CONFLICT (sink_name) DO UPDATE SET ' +
        'position = max(position, excluded.position), ' +
        'updated_at = excluded.updated_at',
    );
    this.#scans = new ScanWriter(db, context);
    this.#enforcement = new EnforcementWriter(db, context);
  }

  prepare(request: WriteRequest): PreparedWrite {
    // Requests come from another thread: check the envelope before its op.
    requireObject(request, 'request');
    switch (request.op) {
      case 'audit-event':
        return this.#insertOne(
          this.#auditInsert,
          this.#encodedAuditRow(request.input, ''),
        );
      case 'audit-events':
        return this.#auditEvents(request.input);
      case 'activity':
        return this.#activity(request.input);
      case 'scan':
        return this.#scans.prepare(request.input as ScanResultInput);
      case 'egress':
        return this.#insertOne(
          this.#egressInsert,
          normalizeRow(EGRESS_EVENTS_TABLE, request.input, this.#context, ''),
        );
      case 'judge':
        return this.#judge(request.input);
      case 'snapshot':
        return this.#snapshot(request.input);
      case 'sink-health':
        return this.#sinkHealth(request.input);
      case 'enforcement-set':
        return this.#enforcement.prepareSet(request.input);
      case 'enforcement-clear':
        return this.#enforcement.prepareClear(request.input);
      case 'enforcement-remove':
        return this.#enforcement.prepareRemove(request.input);
      case 'sink-cursor':
        return this.#sinkCursor(request.input);
      default:
        throw invalidInput(
          'op',
          `unknown write op ${String((request as { op: unknown }).op).slice(0, 64)}`,
        );
    }
  }

  #auditRow(input: unknown, path: string): SqlValue[] {
    return normalizeRow(AUDIT_EVENTS_TABLE, input, this.#context, path);
  }

  #encodedAuditRow(row: unknown, path: string): SqlValue[] {
    return normalizeEncodedRow(AUDIT_EVENTS_TABLE, row, this.#context, path);
  }

  #insertOne(statement: InsertStatement, values: SqlValue[]): PreparedWrite {
    return () => {
      statement.run(...values);
      return values[0];
    };
  }

  #auditEvents(inputs: unknown): PreparedWrite {
    if (!Array.isArray(inputs))
      throw invalidInput('events', 'expected an array');
    if (inputs.length > FIELD_LIMITS.batchItems) {
      throw invalidInput(
        'events',
        `holds ${inputs.length} events; send at most ${FIELD_LIMITS.batchItems} per call`,
      );
    }
    const rows = inputs.map((row, i) =>
      this.#encodedAuditRow(row, `events.${i}`),
    );
    return () =>
      rows.map((values) => {
        this.#auditInsert.run(...values);
        return values[0];
      });
  }

  #activity(input: ActivityEventInput): PreparedWrite {
    const { severity, ...activity } = requireObject(
      input,
      '',
    ) as ActivityEventInput;
    const eventSeverity =
      severity === undefined ? 'INFO' : checkSeverity(severity, 'severity');
    const values = normalizeRow(
      ACTIVITY_EVENTS_TABLE,
      activity,
      this.#context,
      '',
    );
    const event = this.#auditRow(describeActivity(values, eventSeverity), '');

    return () => {
      this.#activityInsert.run(...values);
      this.#auditInsert.run(...event);
      return { activityId: values[0], eventId: event[0] };
    };
  }

  /**
   * A replaced snapshot keeps the id of the row it replaces, so the id the
   * caller gets back is read from the upsert rather than the one generated.
   */
  #snapshot(input: unknown): PreparedWrite {
    const values = normalizeRow(
      TARGET_SNAPSHOTS_TABLE,
      input,
      this.#context,
      '',
    );
    return () => (this.#snapshotUpsert.get(...values) as { id: string }).id;
  }

  #judge(input: unknown): PreparedWrite {
    const record = requireObject(input, '');
    const raw = record['rawResponse'];
    const judged =
      typeof raw === 'string'
        ? {
            ...record,
            rawResponse: truncateUtf8(raw, FIELD_LIMITS.judgeRawResponse),
          }
        : record;
    return this.#insertOne(
      this.#judgeInsert,
      normalizeRow(JUDGE_RESPONSES_TABLE, judged, this.#context, ''),
    );
  }

  #sinkHealth(input: unknown): PreparedWrite {
    const values = normalizeRow(SINK_HEALTH_TABLE, input, this.#context, '');
    const outcome = values[columnIndex(SINK_HEALTH_TABLE, 'outcome')];
    if (!(SINK_OUTCOMES as readonly unknown[]).includes(outcome)) {
      throw invalidInput(
        'outcome',
        `must be one of ${SINK_OUTCOMES.join(', ')}`,
      );
    }
    return this.#insertOne(this.#sinkHealthInsert, values);
  }

  #sinkCursor(input: { sinkName: unknown; position: unknown }): PreparedWrite {
    const record = requireObject(input, '');
    const name = record['sinkName'];
    const position = record['position'];
    const sinkName = checkText(name, FIELD_LIMITS.shortText, 'sinkName');
    if (sinkName === '') {
      throw invalidInput('sinkName', 'expected a sink name');
    }
    if (
      typeof position !== 'number' ||
      !Number.isSafeInteger(position) ||
      position < 0
    ) {
      throw invalidInput('position', 'expected an event rowid (0 or more)');
    }
    const now = this.#context.now;
    return () => {
      this.#cursorUpsert.run(sinkName, position, formatCanonical(now));
      return position;
    };
  }
}

const ACTIVITY = ACTIVITY_EVENTS_TABLE;

/** The audit event that records an activity row in the main timeline. */
function describeActivity(values: SqlValue[], severity: string): object {
  const get = (column: string) => values[columnIndex(ACTIVITY, column)];
  const target = `${String(get('target_type'))}:${String(get('target_id'))}`;
  const reason = get('reason');
  return {
    timestamp: String(get('timestamp')),
    action: get('action'),
    actor: get('actor'),
    target,
    details: reason ?? `${String(get('action'))} ${target}`,
    severity,
    structured: {
      activity_id: get('id'),
      version_from: get('version_from'),
      version_to: get('version_to'),
    },
    ...optional('requestId', get('request_id')),
    ...optional('traceId', get('trace_id')),
    ...optional('sessionId', get('session_id')),
    ...optional('runId', get('run_id')),
  };
}

function optional(field: string, value: SqlValue | undefined): object {
  return value === null || value === undefined ? {} : { [field]: value };
}

function snapshotConflictClause(): string {
  const updated = TARGET_SNAPSHOTS_TABLE.columns
    .map((column) => column.column)
    .filter((column) => !['id', 'target_type', 'target_path'].includes(column))
    .map((column) => `${column} = excluded.${column}`)
    .join(', ');
  return (
    `ON CONFLICT (target_type, target_path) DO UPDATE SET ${updated} ` +
    'RETURNING id'
  );
}
