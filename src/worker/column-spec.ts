import type { Severity } from '../protocol/severity.ts';

/** Where a provenance column takes its default from. */
export type ProvenanceKey =
  | 'schemaVersion'
  | 'contentHash'
  | 'generation'
  | 'binaryVersion'
  | 'sidecarInstanceId'
  | 'runId';

/**
 * How one input field maps onto one column: its type, limits and default.
 * Validation, the INSERT statement and the mapping of rows back to records
 * are all derived from these declarations, so they cannot drift apart.
 */
export type ColumnSpec = { field: string; column: string } & (
  | { kind: 'id' }
  | { kind: 'timestamp' }
  | { kind: 'text'; max: number; required?: boolean; fallback?: string }
  | { kind: 'integer'; required?: boolean; min?: number }
  | { kind: 'real'; min?: number; max?: number }
  | { kind: 'flag'; falseAs: 0 | null }
  | { kind: 'json'; shape: JsonShape; parsedField?: string }
  | { kind: 'severity'; required?: boolean; fallback?: Severity }
  | { kind: 'action'; fallback?: string }
  | { kind: 'provenance'; key: ProvenanceKey; type: 'text' | 'integer' }
);

export type JsonShape =
  'object' | 'array' | 'any' | 'string-array' | 'string-map' | 'diff';

export interface TableSpec {
  table: string;
  columns: readonly ColumnSpec[];
}
