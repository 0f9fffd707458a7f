import { FIELD_LIMITS } from '../../protocol/field-limits.ts';
import type { TableSpec } from '../column-spec.ts';
import {
  CORRELATION_COLUMNS,
  PROVENANCE_COLUMNS,
  shortTextColumn,
} from './shared-columns.ts';

const { shortText, mediumText } = FIELD_LIMITS;

export const ACTIVITY_EVENTS_TABLE: TableSpec = {
  table: 'activity_events',
  columns: [
    { field: 'id', column: 'id', kind: 'id' },
    { field: 'timestamp', column: 'timestamp', kind: 'timestamp' },
    {
      field: 'actor',
      column: 'actor',
      kind: 'text',
      max: shortText,
      fallback: 'cli',
    },
    {
      field: 'action',
      column: 'action',
      kind: 'action',
      fallback: 'config-update',
    },
    {
      field: 'targetType',
      column: 'target_type',
      kind: 'text',
      max: shortText,
      fallback: 'config',
    },
    {
      field: 'targetId',
      column: 'target_id',
      kind: 'text',
      max: mediumText,
      fallback: 'config.yaml',
    },
    { field: 'reason', column: 'reason', kind: 'text', max: mediumText },
    { field: 'before', column: 'before_json', kind: 'json', shape: 'object' },
    { field: 'after', column: 'after_json', kind: 'json', shape: 'object' },
    { field: 'diff', column: 'diff_json', kind: 'json', shape: 'diff' },
    shortTextColumn('versionFrom', 'version_from'),
    shortTextColumn('versionTo', 'version_to'),
    ...CORRELATION_COLUMNS,
    ...PROVENANCE_COLUMNS,
  ],
};
