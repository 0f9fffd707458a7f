import { FIELD_LIMITS } from '../../protocol/field-limits.ts';
import type { TableSpec } from '../column-spec.ts';
import { shortTextColumn } from './shared-columns.ts';

const { shortText, mediumText } = FIELD_LIMITS;

export const TARGET_SNAPSHOTS_TABLE: TableSpec = {
  table: 'target_snapshots',
  columns: [
    { field: 'id', column: 'id', kind: 'id' },
    {
      field: 'targetType',
      column: 'target_type',
      kind: 'text',
      max: shortText,
      required: true,
    },
    {
      field: 'targetPath',
      column: 'target_path',
      kind: 'text',
      max: mediumText,
      required: true,
    },
    {
      field: 'contentHash',
      column: 'content_hash',
      kind: 'text',
      max: shortText,
      required: true,
    },
    {
      field: 'dependencyHashes',
      column: 'dependency_hashes',
      kind: 'json',
      shape: 'string-map',
    },
    {
      field: 'configHashes',
      column: 'config_hashes',
      kind: 'json',
      shape: 'string-map',
    },
    {
      field: 'networkEndpoints',
      column: 'network_endpoints',
      kind: 'json',
      shape: 'string-array',
    },
    shortTextColumn('scanId', 'scan_id'),
    { field: 'capturedAt', column: 'captured_at', kind: 'timestamp' },
    {
      field: 'scannerFingerprint',
      column: 'scanner_fingerprint',
      kind: 'text',
      max: shortText,
      fallback: '',
    },
  ],
};
