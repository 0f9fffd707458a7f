import type Database from 'better-sqlite3';

import { invalidInput } from '../protocol/audit-error.ts';
import type { Page, PageOptions } from '../protocol/read-query.ts';
import type { TableSpec } from './column-spec.ts';
import { decodeCursor, encodeCursor } from './keyset-cursor.ts';
import { rowToRecord } from './row-mapper.ts';
import type { WhereClause } from './where-clause.ts';

const MAX_PAGE = 10_000;

/**
 * One page of a table in (time, rowid) order after the given cursor. Asks
 * for one row more than the page to know whether another page follows.
 */
export function pagedQuery<T>(
  db: Database.Database,
  spec: TableSpec,
  timeColumn: string,
  where: WhereClause,
  page: PageOptions,
): Page<T> {
  const limit = pageLimit(page.limit);
  const descending = page.order === 'desc';
  if (page.order !== undefined && page.order !== 'asc' && !descending) {
    throw invalidInput('order', 'must be asc or desc');
  }
  if (page.cursor !== undefined) {
    const after = decodeCursor(page.cursor);
    where.add(
      `(${timeColumn}, rowid) ${descending ? '<' : '>'} (?, ?)`,
      after.timestamp,
      after.rowid,
    );
  }

  const direction = descending ? 'DESC' : 'ASC';
  const rows = db
    .prepare(
      `SELECT rowid, * FROM ${spec.table} ${where.toSql()} ` +
        `ORDER BY ${timeColumn} ${direction}, rowid ${direction} LIMIT ?`,
    )
    .all(...where.params, limit + 1) as Record<string, unknown>[];

  const more = rows.length > limit;
  const items = (more ? rows.slice(0, limit) : rows).map((row) =>
    rowToRecord<T>(spec, row),
  );
  const last = rows[limit - 1];
  return more && last !== undefined
    ? {
        items,
        nextCursor: encodeCursor({
          timestamp: String(last[timeColumn]),
          rowid: Number(last['rowid']),
        }),
      }
    : { items };
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return 100;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw invalidInput('limit', `must be a whole number from 1 to ${MAX_PAGE}`);
  }
  return limit;
}
