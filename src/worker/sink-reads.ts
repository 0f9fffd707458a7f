import type Database from 'better-sqlite3';

import type { AuditEventRecord } from '../protocol/audit-event.ts';
import type { SinkBatch, SinkStatusRow } from '../protocol/sink-reads.ts';
import { rowToRecord } from './row-mapper.ts';
import { AUDIT_EVENTS_TABLE } from './tables/audit-events-table.ts';

/**
 * The next events of a sink, read after the stored cursor when another
 * process (`sinks flush`, a second gateway) moved it further than the
 * caller knows. All three reads share one snapshot.
 */
export function sinkBatch(
  db: Database.Database,
  sinkName: string,
  afterRowid: number,
  limit: number,
): SinkBatch {
  return db.transaction((): SinkBatch => {
    const stored = storedPosition(db, sinkName) ?? 0;
    const position = Math.max(stored, afterRowid);
    const rows = db
      .prepare(
        'SELECT rowid, * FROM audit_events WHERE rowid > ? ORDER BY rowid LIMIT ?',
      )
      .all(position, limit) as Record<string, unknown>[];
    return {
      position,
      events: rows.map((row) =>
        rowToRecord<AuditEventRecord>(AUDIT_EVENTS_TABLE, row),
      ),
      maxRowid: maxRowid(db),
    };
  })();
}

/**
 * Lag, last success and last error of each named sink and of every sink
 * with a cursor. Each lookup walks the (sink_name, timestamp) index from
 * its newest end, so a long health history costs nothing.
 */
export function sinkStatus(
  db: Database.Database,
  sinkNames: readonly string[],
): SinkStatusRow[] {
  const withCursor = db
    .prepare('SELECT sink_name FROM sink_cursors ORDER BY sink_name')
    .pluck()
    .all() as string[];
  const names = [...new Set([...sinkNames, ...withCursor])];
  const newest = maxRowid(db);
  return db.transaction(() =>
    names.map((name) => statusOf(db, name, newest)),
  )();
}

function statusOf(
  db: Database.Database,
  sinkName: string,
  newest: number,
): SinkStatusRow {
  const cursor = db
    .prepare(
      'SELECT position, updated_at FROM sink_cursors WHERE sink_name = ?',
    )
    .get(sinkName) as { position: number; updated_at: string } | undefined;
  const oldest = db
    .prepare(
      'SELECT timestamp FROM audit_events WHERE rowid > ? ORDER BY rowid LIMIT 1',
    )
    .pluck()
    .get(cursor?.position ?? 0) as string | undefined;
  const last = newestHealth(db, sinkName, '');
  const success = newestHealth(
    db,
    sinkName,
    "AND outcome IN ('delivered', 'partial')",
  );
  const failure = newestHealth(
    db,
    sinkName,
    "AND outcome IN ('failed', 'retrying', 'breaker-open')",
  );

  return {
    sinkName,
    position: cursor?.position ?? null,
    cursorUpdatedAt: cursor?.updated_at ?? null,
    maxRowid: newest,
    oldestPendingAt: oldest ?? null,
    lastAttemptAt: last?.timestamp ?? null,
    lastOutcome: last?.outcome ?? null,
    lastSuccessAt: success?.timestamp ?? null,
    lastErrorAt: failure?.timestamp ?? null,
    lastError: failure?.error ?? null,
    lastStatusCode: failure?.status_code ?? null,
  };
}

interface HealthRow {
  timestamp: string;
  outcome: string;
  error: string | null;
  status_code: number | null;
}

function newestHealth(
  db: Database.Database,
  sinkName: string,
  condition: string,
): HealthRow | undefined {
  return db
    .prepare(
      'SELECT timestamp, outcome, error, status_code FROM sink_health ' +
        `WHERE sink_name = ? ${condition} ORDER BY timestamp DESC LIMIT 1`,
    )
    .get(sinkName) as HealthRow | undefined;
}

function storedPosition(
  db: Database.Database,
  sinkName: string,
): number | undefined {
  return db
    .prepare('SELECT position FROM sink_cursors WHERE sink_name = ?')
    .pluck()
    .get(sinkName) as number | undefined;
}

function maxRowid(db: Database.Database): number {
  return db
    .prepare('SELECT coalesce(max(rowid), 0) FROM audit_events')
    .pluck()
    .get() as number;
}
