import { invalidInput } from '../protocol/audit-error.ts';
import type { TimestampInput } from '../protocol/timestamp-input.ts';
import { canonicalTimestamp } from './canonical-timestamp.ts';
import type { SqlValue } from './row-normalizer.ts';

/**
 * Collects conditions and their parameters. Values are always bound, never
 * spliced into the SQL, so a hostile filter string is only ever data.
 */
export class WhereClause {
  readonly conditions: string[] = [];
  readonly params: SqlValue[] = [];

  add(condition: string, ...params: SqlValue[]): this {
    this.conditions.push(condition);
    this.params.push(...params);
    return this;
  }

  equals(column: string, value: string | number | undefined): this {
    return value === undefined ? this : this.add(`${column} = ?`, value);
  }

  timeRange(
    column: string,
    since: TimestampInput | undefined,
    until: TimestampInput | undefined,
  ): this {
    if (since !== undefined) {
      this.add(`${column} >= ?`, canonicalTimestamp(since, 'since'));
    }
    if (until !== undefined) {
      this.add(`${column} < ?`, canonicalTimestamp(until, 'until'));
    }
    return this;
  }

  /**
   * A prefix as a range, so the index on the column serves it and `%` or
   * `_` in the prefix mean themselves (LIKE would treat them as patterns).
   */
  prefix(column: string, prefix: string | undefined): this {
    if (prefix === undefined || prefix === '') return this;
    return this.add(
      `${column} >= ? AND ${column} < ?`,
      prefix,
      `${prefix}\u{10FFFF}`,
    );
  }

  in(column: string, values: readonly string[] | undefined): this {
    if (values === undefined) return this;
    const marks = values.map(() => '?').join(', ');
    return this.add(`${column} IN (${marks})`, ...values);
  }

  toSql(): string {
    return this.conditions.length === 0
      ? ''
      : `WHERE ${this.conditions.join(' AND ')}`;
  }
}

/**
 * Filter fields arrive from the caller's thread unchecked. A number or an
 * object where text is expected would bind as something else (an object
 * binds as named parameters) and fail with a driver error, or silently
 * match nothing; refuse it naming the field instead. Time bounds are
 * checked where they are parsed.
 */
export function checkFilterTypes(filter: unknown): void {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw invalidInput('filter', 'expected an object');
  }
  for (const [field, value] of Object.entries(filter)) {
    if (value === undefined || field === 'since' || field === 'until') {
      continue;
    }
    if (field === 'upToRowid') {
      if (!Number.isSafeInteger(value)) {
        throw invalidInput(field, 'expected a whole number');
      }
      continue;
    }
    const expected = field === 'blocked' ? 'boolean' : 'string';
    if (typeof value !== expected) {
      throw invalidInput(
        field,
        `expected ${expected === 'string' ? 'text' : 'true or false'}`,
      );
    }
  }
}
