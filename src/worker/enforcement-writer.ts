import type Database from 'better-sqlite3';

import { invalidInput } from '../protocol/audit-error.ts';
import {
  ENFORCEMENT_VALUES,
  type EnforcementActions,
  type EnforcementClear,
  type EnforcementField,
  type EnforcementRecord,
  type EnforcementTarget,
  type EnforcementUpdate,
} from '../protocol/enforcement.ts';
import { FIELD_LIMITS } from '../protocol/field-limits.ts';
import { formatCanonical } from './canonical-timestamp.ts';
import { rowToEnforcement, type ActionsRow } from './enforcement-row.ts';
import { newId } from './new-id.ts';
import {
  checkText,
  requireObject,
  type NormalizeContext,
} from './row-normalizer.ts';

interface Key {
  targetType: string;
  targetName: string;
  connector: string;
}

/**
 * Keeps `actions`: set merges into the existing fields, clearing the last
 * field deletes the row, and allowing an install clears quarantine and
 * runtime state, as the original did.
 */
export class EnforcementWriter {
  readonly #context: NormalizeContext;
  readonly #select: Database.Statement<[string, string, string]>;
  readonly #upsert: Database.Statement<unknown[]>;
  readonly #delete: Database.Statement<[string, string, string]>;

  constructor(db: Database.Database, context: NormalizeContext) {
    this.#context = context;
    this.#select = db.prepare(
      'SELECT * FROM actions WHERE target_type = ? AND target_name = ? AND connector = ?',
    );
    this.#upsert = db.prepare(
      'INSERT INTO actions (id, target_type, target_name, connector, ' +
        'source_path, actions_json, reason, updated_at) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (target_type, target_name, connector) DO UPDATE SET ' +
        'source_path = coalesce(excluded.source_path, source_path), ' +
        'actions_json = excluded.actions_json, ' +
        'reason = coalesce(excluded.reason, reason), ' +
        'updated_at = excluded.updated_at',
    );
    this.#delete = db.prepare(
      'DELETE FROM actions WHERE target_type = ? AND target_name = ? AND connector = ?',
    );
  }

  prepareSet(input: EnforcementUpdate): () => EnforcementRecord | null {
    const record = requireObject(input, '');
    const key = checkKey(record);
    const changes = checkActions(record['actions']);
    const sourcePath = optionalText(record['sourcePath'], 'sourcePath');
    const reason = optionalText(record['reason'], 'reason');

    return () => {
      const merged = { ...this.#current(key), ...changes };
      if (changes.install === 'allow') {
        delete merged.file;
        delete merged.runtime;
      }
      return this.#store(key, merged, sourcePath, reason);
    };
  }

  prepareClear(input: EnforcementClear): () => EnforcementRecord | null {
    const record = requireObject(input, '');
    const key = checkKey(record);
    const fields = checkFields(record['fields']);

    return () => {
      const remaining = { ...this.#current(key) };
      for (const field of fields) delete remaining[field];
      return this.#store(key, remaining, null, null);
    };
  }

  prepareRemove(input: EnforcementTarget): () => boolean {
    const key = checkKey(requireObject(input, ''));
    return () =>
      this.#delete.run(key.targetType, key.targetName, key.connector).changes >
      0;
  }

  #current(key: Key): EnforcementActions {
    const row = this.#select.get(
      key.targetType,
      key.targetName,
      key.connector,
    ) as ActionsRow | undefined;
    return row === undefined ? {} : rowToEnforcement(row).actions;
  }

  #store(
    key: Key,
    actions: EnforcementActions,
    sourcePath: string | null,
    reason: string | null,
  ): EnforcementRecord | null {
    if (Object.keys(actions).length === 0) {
      this.#delete.run(key.targetType, key.targetName, key.connector);
      return null;
    }
    const updatedAt = formatCanonical(this.#context.now);
    this.#upsert.run(
      newId(),
      key.targetType,
      key.targetName,
      key.connector,
      sourcePath,
      JSON.stringify(actions),
      reason,
      updatedAt,
    );
    const row = this.#select.get(key.targetType, key.targetName, key.connector);
    return rowToEnforcement(row as ActionsRow);
  }
}

function checkKey(record: Record<string, unknown>): Key {
  const { shortText, mediumText } = FIELD_LIMITS;
  const connector = record['connector'] ?? '';
  return {
    targetType: requiredText(record['targetType'], 'targetType', shortText),
    targetName: requiredText(record['targetName'], 'targetName', mediumText),
    connector: checkText(connector, shortText, 'connector'),
  };
}

function requiredText(value: unknown, field: string, max: number): string {
  if (value === undefined || value === '')
    throw invalidInput(field, 'is required');
  return checkText(value, max, field);
}

function optionalText(value: unknown, field: string): string | null {
  return value === undefined || value === null
    ? null
    : checkText(value, FIELD_LIMITS.mediumText, field);
}

export function checkActions(value: unknown): EnforcementActions {
  const record = requireObject(value, 'actions');
  const actions: Record<string, string> = {};
  for (const [field, setting] of Object.entries(record)) {
    if (setting === undefined) continue;
    const allowed = (ENFORCEMENT_VALUES as Record<string, readonly string[]>)[
      field
    ];
    if (allowed === undefined) {
      throw invalidInput(
        `actions.${field}`,
        'is not one of install, file, runtime',
      );
    }
    if (typeof setting !== 'string' || !allowed.includes(setting)) {
      throw invalidInput(
        `actions.${field}`,
        `must be one of ${allowed.join(', ')}`,
      );
    }
    actions[field] = setting;
  }
  if (Object.keys(actions).length === 0) {
    throw invalidInput('actions', 'set at least one of install, file, runtime');
  }
  return actions as EnforcementActions;
}

function checkFields(value: unknown): EnforcementField[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidInput('fields', 'expected a non-empty array of field names');
  }
  return value.map((field, i) => {
    if (typeof field !== 'string' || !(field in ENFORCEMENT_VALUES)) {
      throw invalidInput(`fields.${i}`, 'must be install, file or runtime');
    }
    return field as EnforcementField;
  });
}
