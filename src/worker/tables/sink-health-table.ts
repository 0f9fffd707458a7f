import { FIELD_LIMITS } from '../../protocol/field-limits.ts';
import type { TableSpec } from '../column-spec.ts';
import { PROVENANCE_COLUMNS } from './shared-columns.ts';

const { shortText, mediumText } = FIELD_LIMITS;

export const SINK_HEALTH_TABLE: TableSpec = {
  table: 'sink_health',
  columns: [
    { field: 'id', column: 'id', kind: 'id' },
    { field: 'timestamp', column: 'timestamp', kind: 'timestamp' },
    {
      field: 'sinkName',
      column: 'sink_name',
      kind: 'text',
      max: shortText,
      required: true,
    },
    {
      field: 'sinkKind',
      column: 'sink_kind',
      kind: 'text',
      max: shortText,
      required: true,
    },
    {
      field: 'outcome',
      column: 'outcome',
      kind: 'text',
      max: shortText,
      required: true,
    },
    { field: 'statusCode', column: 'status_code', kind: 'integer', min: 0 },
    { field: 'latencyMs', column: 'latency_ms', kind: 'integer', min: 0 },
    { field: 'batchSize', column: 'batch_size', kind: 'integer', min: 0 },
    { field: 'error', column: 'error', kind: 'text', max: mediumText },
    { field: 'queueDepth', column: 'queue_depth', kind: 'integer', min: 0 },
    { field: 'droppedCount', column: 'dropped_count', kind: 'integer', min: 0 },
    ...PROVENANCE_COLUMNS,
  ],
};
