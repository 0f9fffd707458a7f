import type { ColumnSpec } from '../worker/column-spec.ts';
import { AUDIT_EVENTS_TABLE } from '../worker/tables/audit-events-table.ts';

/** A column of the central table: the local ones plus `gateway_id`. */
interface CentralColumn {
  name: string;
  type: string;
}

/** The audit_events columns in the central table, with PostgreSQL types. */
export const CENTRAL_COLUMNS: readonly CentralColumn[] = [
  { name: 'gateway_id', type: 'text' },
  ...AUDIT_EVENTS_TABLE.columns.map((spec) => ({
    name: spec.column,
    type: postgresType(spec),
  })),
];

const INDEXED = [
  ['timestamp'],
  ['gateway_id', 'timestamp'],
  ['action'],
  ['request_id'],
  ['session_id'],
  ['severity', 'timestamp'],
  ['trace_id'],
  ['run_id'],
  ['agent_id'],
];

/**
 * Statements that create the central table, or bring one made by an older
 * release up to date: columns are only ever added, as in the local store.
 */
export function schemaStatements(table: string): string[] {
  const [schema, base = schema] = table.includes('.')
    ? table.split('.')
    : [undefined, table];
  const name = quoteTable(table);
  const columns = CENTRAL_COLUMNS.filter((c) => c.name !== 'id').map(
    (c) => `${quote(c.name)} ${c.type}`,
  );

  return [
    ...(schema === undefined
      ? []
      : [`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`]),
    `CREATE TABLE IF NOT EXISTS ${name} (id text PRIMARY KEY, ` +
      `received_at timestamptz NOT NULL DEFAULT now())`,
    ...columns.map((c) => `ALTER TABLE ${name} ADD COLUMN IF NOT EXISTS ${c}`),
    ...INDEXED.map(
      (cols) =>
        `CREATE INDEX IF NOT EXISTS ${quote(`${base}_${cols.join('_')}_idx`)} ` +
        `ON ${name} (${cols.map(quote).join(', ')})`,
    ),
  ];
}

/**
 * One statement for a whole batch: the rows travel as a single JSON
 * parameter (no limit on the number of parameters), and an id already
 * there, from a retry or another delivery, is skipped.
 */
export function insertStatement(table: string): string {
  const names = CENTRAL_COLUMNS.map((c) => quote(c.name)).join(', ');
  const types = CENTRAL_COLUMNS.map((c) => `${quote(c.name)} ${c.type}`);
  return (
    `INSERT INTO ${quoteTable(table)} (${names}) SELECT ${names} ` +
    `FROM jsonb_to_recordset($1::jsonb) AS r(${types.join(', ')}) ` +
    'ON CONFLICT (id) DO NOTHING'
  );
}

function postgresType(spec: ColumnSpec): string {
  switch (spec.kind) {
    case 'timestamp':
      return 'timestamptz';
    case 'json':
      return 'jsonb';
    case 'integer':
      return 'bigint';
    case 'real':
      return 'double precision';
    case 'flag':
      return 'smallint';
    case 'provenance':
      return spec.type === 'integer' ? 'bigint' : 'text';
    default:
      return 'text';
  }
}

/** Names are checked on input; quoting keeps `timestamp` a plain column. */
function quote(identifier: string): string {
  return `"${identifier}"`;
}

function quoteTable(table: string): string {
  return table.split('.').map(quote).join('.');
}
