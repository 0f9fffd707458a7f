import type {
  EnforcementActions,
  EnforcementRecord,
} from '../protocol/enforcement.ts';

export interface ActionsRow {
  target_type: string;
  target_name: string;
  connector: string;
  source_path: string | null;
  actions_json: string;
  reason: string | null;
  updated_at: string;
}

export function rowToEnforcement(row: ActionsRow): EnforcementRecord {
  return {
    targetType: row.target_type,
    targetName: row.target_name,
    connector: row.connector,
    sourcePath: row.source_path,
    actions: parseActions(row.actions_json),
    reason: row.reason,
    updatedAt: row.updated_at,
  };
}

/** Rows written by other tools may hold anything; keep only what parses. */
function parseActions(json: string): EnforcementActions {
  try {
    const parsed = JSON.parse(json) as unknown;
    return typeof parsed === 'object' &&
      parsed !== null &&
      !Array.isArray(parsed)
      ? (parsed as EnforcementActions)
      : {};
  } catch {
    return {};
  }
}
