/** Severities in the order of their rank, highest first. */
export const SEVERITIES = [
  'CRITICAL',
  'HIGH',
  'MEDIUM',
  'LOW',
  'WARN',
  'INFO',
] as const;

export type Severity = (typeof SEVERITIES)[number];

/**
 * CRITICAL 5 down to INFO 1. WARN ranks with LOW: the original emitted it
 * for operator warnings that sit just above informational noise.
 */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  CRITICAL: 5,
  HIGH: 4,
  MEDIUM: 3,
  LOW: 2,
  WARN: 2,
  INFO: 1,
};

/** The severities whose rank is at least that of `minimum`. */
export function severitiesAtLeast(minimum: Severity): Severity[] {
  const floor = SEVERITY_RANK[minimum];
  return SEVERITIES.filter((severity) => SEVERITY_RANK[severity] >= floor);
}

/**
 * Parses a severity case-insensitively; `ERROR` is accepted as `WARN`, as
 * the original's exporter did. Returns undefined for anything else.
 */
export function parseSeverity(value: string): Severity | undefined {
  const upper = value.toUpperCase();
  if (upper === 'ERROR') return 'WARN';
  return (SEVERITIES as readonly string[]).includes(upper)
    ? (upper as Severity)
    : undefined;
}
