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
