import { FIELD_LIMITS } from '../../protocol/field-limits.ts';
import type { TableSpec } from '../column-spec.ts';
import {
  CORRELATION_COLUMNS,
  PROVENANCE_COLUMNS,
  shortTextColumn,
} from './shared-columns.ts';

const { shortText, mediumText, longText } = FIELD_LIMITS;

export const SCAN_RESULTS_TABLE: TableSpec = {
  table: 'scan_results',
  columns: [
    { field: 'id', column: 'id', kind: 'id' },
    {
      field: 'scanner',
      column: 'scanner',
      kind: 'text',
      max: shortText,
      required: true,
    },
    {
      field: 'target',
      column: 'target',
      kind: 'text',
      max: mediumText,
      required: true,
    },
    { field: 'timestamp', column: 'timestamp', kind: 'timestamp' },
    { field: 'durationMs', column: 'duration_ms', kind: 'integer', min: 0 },
    { field: 'findingCount', column: 'finding_count', kind: 'integer', min: 0 },
    { field: 'maxSeverity', column: 'max_severity', kind: 'severity' },
    { field: 'raw', column: 'raw_json', kind: 'json', shape: 'any' },
    shortTextColumn('verdict', 'verdict'),
    { field: 'exitCode', column: 'exit_code', kind: 'integer' },
    { field: 'error', column: 'error', kind: 'text', max: mediumText },
    shortTextColumn('evaluationId', 'evaluation_id'),
    ...CORRELATION_COLUMNS,
    ...PROVENANCE_COLUMNS,
  ],
};

/** The first release's per-finding table, kept filled for older readers. */
export const FINDINGS_TABLE: TableSpec = {
  table: 'findings',
  columns: [
    { field: 'id', column: 'id', kind: 'id' },
    {
      field: 'scanId',
      column: 'scan_id',
      kind: 'text',
      max: shortText,
      required: true,
    },
    { field: 'severity', column: 'severity', kind: 'severity', required: true },
    {
      field: 'title',
      column: 'title',
      kind: 'text',
      max: mediumText,
      required: true,
    },
    {
      field: 'scanner',
      column: 'scanner',
      kind: 'text',
      max: shortText,
      required: true,
    },
    {
      field: 'description',
      column: 'description',
      kind: 'text',
      max: longText,
    },
    { field: 'location', column: 'location', kind: 'text', max: mediumText },
    {
      field: 'remediation',
      column: 'remediation',
      kind: 'text',
      max: longText,
    },
    { field: 'tags', column: 'tags', kind: 'json', shape: 'string-array' },
    shortTextColumn('ruleId', 'rule_id'),
    { field: 'lineNumber', column: 'line_number', kind: 'integer', min: 0 },
  ],
};

export const SCAN_FINDINGS_TABLE: TableSpec = {
  table: 'scan_findings',
  columns: [
    ...FINDINGS_TABLE.columns,
    {
      field: 'target',
      column: 'target',
      kind: 'text',
      max: mediumText,
      required: true,
    },
    { field: 'timestamp', column: 'timestamp', kind: 'timestamp' },
    shortTextColumn('category', 'category'),
    { field: 'confidence', column: 'confidence', kind: 'real', min: 0, max: 1 },
    shortTextColumn('evaluationId', 'evaluation_id'),
    ...CORRELATION_COLUMNS,
    ...PROVENANCE_COLUMNS,
  ],
};
