const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;
const DURATION_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

const SIZE = /^(\d+)\s*(B|KB|KiB|MB|MiB|GB|GiB)?$/;
const SIZE_SHIFT = { B: 0, KB: 10, KiB: 10, MB: 20, MiB: 20, GB: 30, GiB: 30 };

/**
 * A duration as `config.yaml` writes it: `250ms`, `5s`, `2m`, `1h`, or a
 * bare number of seconds. Returns milliseconds, or undefined when the text
 * is none of these.
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? Math.round(value * 1000) : undefined;
  }
  if (typeof value !== 'string') return undefined;

  const match = DURATION.exec(value.trim());
  if (match === null) return undefined;
  const unit = match[2] as keyof typeof DURATION_MS;
  return Math.round(Number(match[1]) * DURATION_MS[unit]);
}

/**
 * A size in bytes, or with a unit: `50MB` and `50MiB` both mean 50 x 2^20,
 * since a log size limit has no use for the decimal reading.
 */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;

  const match = SIZE.exec(value.trim());
  if (match === null) return undefined;
  const unit = (match[2] ?? 'B') as keyof typeof SIZE_SHIFT;
  return Number(match[1]) * 2 ** SIZE_SHIFT[unit];
}
