import { FIELD_LIMITS } from '../../protocol/field-limits.ts';
import type { TableSpec } from '../column-spec.ts';
import { PROVENANCE_COLUMNS, shortTextColumn } from './shared-columns.ts';

const { shortText, mediumText } = FIELD_LIMITS;

/**
 * `rawResponse` is declared with room for the truncation marker; the writer
 * cuts it to 64 KiB before validation (see `truncate-utf8.ts`).
 */
export const JUDGE_RESPONSES_TABLE: TableSpec = {
  table: 'judge_responses',
  columns: [
    { field: 'id', column: 'id', kind: 'id' },
    { field: 'timestamp', column: 'timestamp', kind: 'timestamp' },
    {
      field: 'kind',
      column: 'kind',
      kind: 'text',
      max: shortText,
      required: true,
    },
    shortTextColumn('direction', 'direction'),
    shortTextColumn('model', 'model'),
    shortTextColumn('action', 'action'),
    { field: 'severity', column: 'severity', kind: 'severity' },
    { field: 'latencyMs', column: 'latency_ms', kind: 'integer', min: 0 },
    {
      field: 'parseError',
      column: 'parse_error',
      kind: 'text',
      max: mediumText,
    },
    {
      field: 'rawResponse',
      column: 'raw_response',
      kind: 'text',
      max: FIELD_LIMITS.judgeRawResponse + 128,
      required: true,
    },
    shortTextColumn('requestId', 'request_id'),
    shortTextColumn('traceId', 'trace_id'),
    shortTextColumn('sessionId', 'session_id'),
    { field: 'confidence', column: 'confidence', kind: 'real', min: 0, max: 1 },
    {
      field: 'failClosedApplied',
      column: 'fail_closed_applied',
      kind: 'flag',
      falseAs: 0,
    },
    ...PROVENANCE_COLUMNS,
  ],
};
