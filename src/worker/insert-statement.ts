import type Database from 'better-sqlite3';

import type { TableSpec } from './column-spec.ts';
import type { SqlValue } from './row-normalizer.ts';

export type InsertStatement = Database.Statement<SqlValue[]>;

/** `INSERT INTO table (every column) VALUES (?, ...)` in spec order. */
export function prepareInsert(
  db: Database.Database,
  spec: TableSpec,
  conflict = '',
): InsertStatement {
  const columns = spec.columns.map((column) => column.column);
  const placeholders = columns.map(() => '?').join(', ');
  return db.prepare<SqlValue[]>(
    `INSERT INTO ${spec.table} (${columns.join(', ')}) ` +
      `VALUES (${placeholders}) ${conflict}`,
  );
}

/** The position of a column in a spec's value array. */
export function columnIndex(spec: TableSpec, column: string): number {
  const index = spec.columns.findIndex((c) => c.column === column);
  if (index < 0) throw new Error(`${spec.table} has no column ${column}`);
  return index;
}
