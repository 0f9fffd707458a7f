import { FIELD_LIMITS } from '../../protocol/field-limits.ts';
import type { TableSpec } from '../column-spec.ts';
import { shortTextColumn } from './shared-columns.ts';

const { shortText, mediumText, longText } = FIELD_LIMITS;

export const EGRESS_EVENTS_TABLE: TableSpec = {
  table: 'network_egress_events',
  columns: [
    { field: 'id', column: 'id', kind: 'id' },
    { field: 'timestamp', column: 'timestamp', kind: 'timestamp' },
    shortTextColumn('sessionId', 'session_id'),
    {
      field: 'hostname',
      column: 'hostname',
      kind: 'text',
      max: shortText,
      required: true,
    },
    { field: 'url', column: 'url', kind: 'text', max: mediumText },
    shortTextColumn('httpMethod', 'http_method'),
    shortTextColumn('protocol', 'protocol'),
    {
      field: 'policyOutcome',
      column: 'policy_outcome',
      kind: 'text',
      max: shortText,
      required: true,
    },
    shortTextColumn('decisionCode', 'decision_code'),
    { field: 'blocked', column: 'blocked', kind: 'flag', falseAs: 0 },
    {
      field: 'severity',
      column: 'severity',
      kind: 'severity',
      fallback: 'INFO',
    },
    { field: 'details', column: 'details', kind: 'text', max: longText },
    shortTextColumn('connector', 'connector'),
    shortTextColumn('agentId', 'agent_id'),
    shortTextColumn('toolId', 'tool_id'),
    shortTextColumn('userId', 'user_id'),
  ],
};
