import { invalidInput } from '../protocol/audit-error.ts';
import type { TimestampInput } from '../protocol/timestamp-input.ts';

const ACCEPTED =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Formats a moment in the store's one timestamp form:
 * `YYYY-MM-DD HH:MM:SS` in UTC, followed by `.SSS` only when the
 * milliseconds are not zero.
 *
 * Why this form: it is SQLite's own `datetime()` form, so the documented
 * `timestamp > datetime('now', '-1 day')` compares like with like; and it
 * sorts as text in time order. Dropping a zero `.000` keeps the comparison
 * exact at the boundary: `12:00:00` equals `datetime()`'s `12:00:00`
 * instead of sorting after it.
 */
export function formatCanonical(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  const seconds = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  const millis = iso.slice(20, 23);
  return millis === '000' ? seconds : `${seconds}.${millis}`;
}

/** Parses any accepted input into epoch milliseconds, or throws. */
export function parseTimestamp(input: TimestampInput, field: string): number {
  if (input instanceof Date) return checkRange(input.getTime(), field);
  if (typeof input === 'number') return checkRange(input, field);
  if (typeof input !== 'string') {
    throw invalidInput(field, 'expected a Date, epoch milliseconds or text');
  }

  const match = ACCEPTED.exec(input.trim());
  if (match === null) {
    throw invalidInput(
      field,
      `"${input.slice(0, 40)}" is not RFC 3339 or YYYY-MM-DD HH:MM:SS`,
    );
  }
  const [, date, time, fraction = '', zone = 'Z'] = match;
  const millis = fraction === '' ? '' : fraction.slice(0, 4).padEnd(4, '0');
  return checkRange(Date.parse(`${date}T${time}${millis}${zone}`), field);
}

export function canonicalTimestamp(
  input: TimestampInput,
  field: string,
): string {
  return formatCanonical(parseTimestamp(input, field));
}

/** The canonical form back to RFC 3339 (`2026-01-02T03:04:05.000Z`). */
export function canonicalToRfc3339(canonical: string): string {
  const ms = Date.parse(`${canonical.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? canonical : new Date(ms).toISOString();
}

const MIN_MS = Date.UTC(1970, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function checkRange(ms: number, field: string): number {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) {
    throw invalidInput(field, 'is not a valid time between 1970 and 9999');
  }
  return Math.trunc(ms);
}
