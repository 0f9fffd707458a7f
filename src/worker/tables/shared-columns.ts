import { FIELD_LIMITS } from '../../protocol/field-limits.ts';
import type { ColumnSpec } from '../column-spec.ts';

const { shortText } = FIELD_LIMITS;

export function shortTextColumn(field: string, column: string): ColumnSpec {
  return { field, column, kind: 'text', max: shortText };
}

/** run_id (defaulting to the process run id) and the request ids. */
export const CORRELATION_COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'runId',
    column: 'run_id',
    kind: 'provenance',
    key: 'runId',
    type: 'text',
  },
  shortTextColumn('requestId', 'request_id'),
  shortTextColumn('sessionId', 'session_id'),
  shortTextColumn('traceId', 'trace_id'),
];

/** Who wrote the row; defaults come from the store's configuration. */
export const PROVENANCE_COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'schemaVersion',
    column: 'schema_version',
    kind: 'provenance',
    key: 'schemaVersion',
    type: 'integer',
  },
  {
    field: 'contentHash',
    column: 'content_hash',
    kind: 'provenance',
    key: 'contentHash',
    type: 'text',
  },
  {
    field: 'generation',
    column: 'generation',
    kind: 'provenance',
    key: 'generation',
    type: 'integer',
  },
  {
    field: 'binaryVersion',
    column: 'binary_version',
    kind: 'provenance',
    key: 'binaryVersion',
    type: 'text',
  },
  {
    field: 'sidecarInstanceId',
    column: 'sidecar_instance_id',
    kind: 'provenance',
    key: 'sidecarInstanceId',
    type: 'text',
  },
];
