import { FIELD_LIMITS } from '../../protocol/field-limits.ts';
import type { TableSpec } from '../column-spec.ts';
import {
  CORRELATION_COLUMNS,
  PROVENANCE_COLUMNS,
  shortTextColumn,
} from './shared-columns.ts';

export const AUDIT_EVENTS_TABLE: TableSpec = {
  table: 'audit_events',
  columns: [
    { field: 'id', column: 'id', kind: 'id' },
    { field: 'timestamp', column: 'timestamp', kind: 'timestamp' },
    { field: 'action', column: 'action', kind: 'action' },
    {
      field: 'target',
      column: 'target',
      kind: 'text',
      max: FIELD_LIMITS.mediumText,
    },
    {
      field: 'actor',
      column: 'actor',
      kind: 'text',
      max: FIELD_LIMITS.shortText,
      fallback: 'defenseclaw',
    },
    {
      field: 'details',
      column: 'details',
      kind: 'text',
      max: FIELD_LIMITS.longText,
    },
    {
      field: 'structured',
      column: 'structured_json',
      kind: 'json',
      shape: 'object',
    },
    {
      field: 'severity',
      column: 'severity',
      kind: 'severity',
      fallback: 'INFO',
    },
    ...CORRELATION_COLUMNS,
    shortTextColumn('spanId', 'span_id'),
    shortTextColumn('agentId', 'agent_id'),
    shortTextColumn('agentName', 'agent_name'),
    shortTextColumn('agentInstanceId', 'agent_instance_id'),
    shortTextColumn('policyId', 'policy_id'),
    shortTextColumn('destinationApp', 'destination_app'),
    shortTextColumn('toolName', 'tool_name'),
    shortTextColumn('toolId', 'tool_id'),
    shortTextColumn('connector', 'connector'),
    { field: 'stepIdx', column: 'step_idx', kind: 'integer', min: 0 },
    { field: 'enforced', column: 'enforced', kind: 'flag', falseAs: null },
    {
      field: 'rulePackDir',
      column: 'rule_pack_dir',
      kind: 'text',
      max: FIELD_LIMITS.mediumText,
    },
    ...PROVENANCE_COLUMNS,
  ],
};
