import type Database from 'better-sqlite3';

import { invalidInput } from '../protocol/audit-error.ts';
import { FIELD_LIMITS } from '../protocol/field-limits.ts';
import type { ScanResultInput } from '../protocol/scan-result.ts';
import { SEVERITY_RANK, type Severity } from '../protocol/severity.ts';
import {
  columnIndex,
  prepareInsert,
  type InsertStatement,
} from './insert-statement.ts';
import {
  normalizeRow,
  requireObject,
  type NormalizeContext,
  type SqlValue,
} from './row-normalizer.ts';
import {
  FINDINGS_TABLE,
  SCAN_FINDINGS_TABLE,
  SCAN_RESULTS_TABLE,
} from './tables/scan-tables.ts';

/** Columns a finding takes from its scan unless it gives its own. */
const INHERITED = [
  'scanner',
  'target',
  'timestamp',
  'evaluation_id',
  'run_id',
  'request_id',
  'session_id',
  'trace_id',
  'schema_version',
  'content_hash',
  'generation',
  'binary_version',
  'sidecar_instance_id',
] as const;

/**
 * Writes a scan, its `findings` rows (the first release's table, which
 * older readers still query) and its `scan_findings` rows together.
 */
export class ScanWriter {
  readonly #context: NormalizeContext;
  readonly #scanInsert: InsertStatement;
  readonly #findingInsert: InsertStatement;
  readonly #scanFindingInsert: InsertStatement;
  /** Where each `findings` column sits in a `scan_findings` value array. */
  readonly #findingsPick: number[];

  constructor(db: Database.Database, context: NormalizeContext) {
    this.#context = context;
    this.#scanInsert = prepareInsert(db, SCAN_RESULTS_TABLE);
    this.#findingInsert = prepareInsert(db, FINDINGS_TABLE);
    this.#scanFindingInsert = prepareInsert(db, SCAN_FINDINGS_TABLE);
    this.#findingsPick = FINDINGS_TABLE.columns.map((column) =>
      columnIndex(SCAN_FINDINGS_TABLE, column.column),
    );
  }

  prepare(input: ScanResultInput): () => string {
    const record = requireObject(input, '') as unknown as ScanResultInput;
    const { findings = [], ...scan } = record;
    if (!Array.isArray(findings))
      throw invalidInput('findings', 'expected an array');
    if (findings.length > FIELD_LIMITS.scanFindings) {
      throw invalidInput(
        'findings',
        `at most ${FIELD_LIMITS.scanFindings} per scan`,
      );
    }

    const scanValues = normalizeRow(
      SCAN_RESULTS_TABLE,
      { findingCount: findings.length, ...scan },
      this.#context,
      '',
    );
    const rows = findings.map((finding, i) =>
      this.#findingRow(scanValues, finding, `findings.${i}`),
    );
    fillMaxSeverity(scanValues, rows);

    return () => {
      this.#scanInsert.run(...scanValues);
      for (const row of rows) {
        this.#findingInsert.run(
          ...this.#findingsPick.map((i) => row[i] ?? null),
        );
        this.#scanFindingInsert.run(...row);
      }
      return scanValues[0] as string;
    };
  }

  #findingRow(
    scanValues: SqlValue[],
    finding: unknown,
    path: string,
  ): SqlValue[] {
    const inherited: Record<string, SqlValue> = {};
    for (const [field, scanIndex] of INHERITED_FIELDS) {
      const value = scanValues[scanIndex];
      if (value !== null && value !== undefined) inherited[field] = value;
    }
    const given = requireObject(finding, path);
    const row = { ...inherited, ...given, scanId: scanValues[0] };
    return normalizeRow(SCAN_FINDINGS_TABLE, row, this.#context, path);
  }
}

/** [finding field, index of the scan's value] for each inherited column. */
const INHERITED_FIELDS = INHERITED.map((column) => {
  const spec = SCAN_FINDINGS_TABLE.columns[
    columnIndex(SCAN_FINDINGS_TABLE, column)
  ] as { field: string };
  return [spec.field, columnIndex(SCAN_RESULTS_TABLE, column)] as const;
});

function fillMaxSeverity(scanValues: SqlValue[], rows: SqlValue[][]): void {
  const at = columnIndex(SCAN_RESULTS_TABLE, 'max_severity');
  if (scanValues[at] !== null) return;
  const severityAt = columnIndex(SCAN_FINDINGS_TABLE, 'severity');
  let best: Severity | null = null;
  for (const row of rows) {
    const severity = row[severityAt] as Severity;
    if (best === null || SEVERITY_RANK[severity] > SEVERITY_RANK[best])
      best = severity;
  }
  scanValues[at] = best;
}
