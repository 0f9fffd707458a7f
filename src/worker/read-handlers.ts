import type Database from 'better-sqlite3';

import type { AuditEventRecord } from '../protocol/audit-event.ts';
import { invalidInput } from '../protocol/audit-error.ts';
import type { EnforcementRecord } from '../protocol/enforcement.ts';
import type {
  CountOptions,
  CountRow,
  EventFilter,
  ReadQuery,
} from '../protocol/read-query.ts';
import type {
  FindingRecord,
  ScanResultRecord,
} from '../protocol/scan-result.ts';
import { parseSeverity, severitiesAtLeast } from '../protocol/severity.ts';
import { rowToEnforcement, type ActionsRow } from './enforcement-row.ts';
import { pagedQuery } from './paged-query.ts';
import { rowToRecord } from './row-mapper.ts';
import { sinkBatch, sinkStatus } from './sink-reads.ts';
import { ACTIVITY_EVENTS_TABLE } from './tables/activity-events-table.ts';
import { AUDIT_EVENTS_TABLE } from './tables/audit-events-table.ts';
import { EGRESS_EVENTS_TABLE } from './tables/egress-events-table.ts';
import {
  SCAN_FINDINGS_TABLE,
  SCAN_RESULTS_TABLE,
} from './tables/scan-tables.ts';
import { checkFilterTypes, WhereClause } from './where-clause.ts';

/** Answers one read on a read-only connection. */
export function runRead(db: Database.Database, query: ReadQuery): unknown {
  if ('filter' in query) checkFilterTypes(query.filter);
  if (query.kind === 'count') checkFilterTypes(query.options);
  switch (query.kind) {
    case 'events':
      return pagedQuery(
        db,
        AUDIT_EVENTS_TABLE,
        'timestamp',
        eventWhere(query.filter),
        query.page,
      );
    case 'count':
      return countEvents(db, query.options);
    case 'activity':
      return pagedQuery(
        db,
        ACTIVITY_EVENTS_TABLE,
        'timestamp',
        new WhereClause()
          .timeRange('timestamp', query.filter.since, query.filter.until)
          .equals('actor', query.filter.actor)
          .equals('action', query.filter.action)
          .equals('target_type', query.filter.targetType)
          .equals('target_id', query.filter.targetId),
        query.page,
      );
    case 'egress':
      return pagedQuery(
        db,
        EGRESS_EVENTS_TABLE,
        'timestamp',
        new WhereClause()
          .timeRange('timestamp', query.filter.since, query.filter.until)
          .equals('hostname', query.filter.hostname)
          .equals('session_id', query.filter.sessionId)
          .equals('blocked', flagValue(query.filter.blocked)),
        query.page,
      );
    case 'scans':
      return withFindings(
        db,
        pagedQuery<ScanResultRecord>(
          db,
          SCAN_RESULTS_TABLE,
          'timestamp',
          new WhereClause()
            .timeRange('timestamp', query.filter.since, query.filter.until)
            .equals('scanner', query.filter.scanner)
            .equals('target', query.filter.target),
          query.page,
        ),
      );
    case 'scan':
      return getScan(db, query.id);
    case 'enforcement-get':
      return getEnforcement(
        db,
        query.targetType,
        query.targetName,
        query.connector ?? '',
      );
    case 'enforcement-list':
      return listEnforcement(db, query.targetType);
    case 'events-after':
      return eventsAfter(db, query.afterRowid, query.limit);
    case 'sink-cursors':
      return db
        .prepare(
          'SELECT sink_name AS sinkName, position, updated_at AS updatedAt FROM sink_cursors',
        )
        .all();
    case 'max-event-rowid':
      return db
        .prepare('SELECT coalesce(max(rowid), 0) FROM audit_events')
        .pluck()
        .get();
    case 'sink-batch':
      return sinkBatch(db, query.sinkName, query.afterRowid, query.limit);
    case 'sink-status':
      return sinkStatus(db, query.sinkNames);
    default:
      throw invalidInput('kind', `unknown read ${JSON.stringify(query)}`);
  }
}

/**
 * The action and severity columns as audit-event filters name them: behind
 * a unary +, so that such a filter never picks the index SQLite scans.
 *
 * A gateway writes a handful of actions, so an action or a prefix such as
 * `guardrail-` matches a large share of the table, but without statistics
 * SQLite takes a range on an indexed column for a narrow one. It used to
 * read every matching row through idx_audit_action and sort them all to
 * serve a page of the newest 100: 300 ms at 150,000 rows, growing with the
 * table, with a read transaction open all along (which holds up the
 * writer's WAL checkpoints). Filtered as it is read, the page walks the
 * timestamp index from the newest row and stops after 101 matches (1.5 ms),
 * and the severity summary scans the covering (severity, timestamp,
 * action) index (migration 0012). A rare action now costs a walk through
 * the time window instead of an index lookup; the correlation ids
 * (request, session, trace) keep their indexes.
 */
const ACTION_FILTER = '+action';
const SEVERITY_FILTER = '+severity';

export function eventWhere(filter: EventFilter): WhereClause {
  const where = new WhereClause()
    .timeRange('timestamp', filter.since, filter.until)
    .equals(ACTION_FILTER, filter.action)
    .prefix(ACTION_FILTER, filter.actionPrefix)
    .equals('request_id', filter.requestId)
    .equals('session_id', filter.sessionId)
    .equals('trace_id', filter.traceId)
    .equals('run_id', filter.runId);
  if (filter.upToRowid !== undefined) {
    // The unary + keeps the rowid out of index choice: a rowid range scan
    // would have to sort every row in range to serve the time order.
    where.add('+rowid <= ?', filter.upToRowid);
  }
  if (filter.minSeverity !== undefined) {
    const minimum = parseSeverity(filter.minSeverity);
    if (minimum === undefined) {
      throw invalidInput(
        'minSeverity',
        'must be CRITICAL, HIGH, MEDIUM, LOW, WARN or INFO',
      );
    }
    where.in(SEVERITY_FILTER, severitiesAtLeast(minimum));
  }
  return where;
}

function countEvents(db: Database.Database, options: CountOptions): CountRow[] {
  if (options.by !== 'severity' && options.by !== 'action') {
    throw invalidInput('by', 'must be severity or action');
  }
  const where = new WhereClause()
    .timeRange('timestamp', options.since, options.until)
    .equals(ACTION_FILTER, options.action)
    .prefix(ACTION_FILTER, options.actionPrefix);
  return db
    .prepare(
      `SELECT ${options.by} AS key, COUNT(*) AS count FROM audit_events ` +
        `${where.toSql()} GROUP BY ${options.by} ORDER BY count DESC, key`,
    )
    .all(...where.params) as CountRow[];
}

function eventsAfter(
  db: Database.Database,
  afterRowid: number,
  limit: number,
): AuditEventRecord[] {
  const rows = db
    .prepare(
      'SELECT rowid, * FROM audit_events WHERE rowid > ? ORDER BY rowid LIMIT ?',
    )
    .all(afterRowid, limit) as Record<string, unknown>[];
  return rows.map((row) =>
    rowToRecord<AuditEventRecord>(AUDIT_EVENTS_TABLE, row),
  );
}

function getScan(db: Database.Database, id: string): ScanResultRecord | null {
  const row = db.prepare('SELECT * FROM scan_results WHERE id = ?').get(id);
  if (row === undefined) return null;
  const [scan] = withFindings(db, {
    items: [
      rowToRecord<ScanResultRecord>(
        SCAN_RESULTS_TABLE,
        row as Record<string, unknown>,
      ),
    ],
  }).items;
  return scan ?? null;
}

function withFindings<P extends { items: ScanResultRecord[] }>(
  db: Database.Database,
  page: P,
): P {
  const select = db.prepare(
    'SELECT * FROM scan_findings WHERE scan_id = ? ORDER BY rowid',
  );
  for (const scan of page.items) {
    const rows = select.all(scan.id) as Record<string, unknown>[];
    scan.findings = rows.map((row) =>
      rowToRecord<FindingRecord>(SCAN_FINDINGS_TABLE, row),
    );
  }
  return page;
}

/** The connector's own row wins over the global ('') row. */
function getEnforcement(
  db: Database.Database,
  targetType: string,
  targetName: string,
  connector: string,
): EnforcementRecord | null {
  const row = db
    .prepare(
      'SELECT * FROM actions WHERE target_type = ? AND target_name = ? ' +
        "AND connector IN (?, '') ORDER BY connector = '' LIMIT 1",
    )
    .get(targetType, targetName, connector) as ActionsRow | undefined;
  return row === undefined ? null : rowToEnforcement(row);
}

function listEnforcement(
  db: Database.Database,
  targetType: string | undefined,
): EnforcementRecord[] {
  const where = new WhereClause().equals('target_type', targetType);
  const rows = db
    .prepare(
      `SELECT * FROM actions ${where.toSql()} ORDER BY target_type, target_name, connector`,
    )
    .all(...where.params) as ActionsRow[];
  return rows.map(rowToEnforcement);
}

/** A boolean filter as the 0/1 the column stores; undefined filters nothing. */
function flagValue(value: boolean | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}
