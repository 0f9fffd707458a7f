import { InvalidArgumentError } from 'commander';

import { canonicalTimestamp } from '../worker/canonical-timestamp.ts';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d{1,9})([smhd])$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a `--since`/`--until` value: a duration back from `now` (`30s`,
 * `15m`, `24h`, `7d`) or a moment (RFC 3339, SQLite's
 * `YYYY-MM-DD HH:MM:SS` in UTC, or a bare date meaning its UTC midnight).
 * Returns the store's canonical UTC text.
 */
export function parseTimeBound(value: string, now = Date.now()): string {
  const text = value.trim();
  const duration = DURATION.exec(text);
  if (duration !== null) {
    const [, amount, unit] = duration;
    const ms = Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
    return canonical(now - ms, value);
  }

  return canonical(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text, value);
}

function canonical(moment: number | string, original: string): string {
  try {
    return canonicalTimestamp(moment, 'time');
  } catch {
    throw new InvalidArgumentError(
      `"${original}" is neither a duration (30s, 15m, 24h, 7d) nor an ` +
        'RFC 3339 time such as 2026-01-02T15:04:05Z.',
    );
  }
}
