export interface BackoffSettings {
  initialMs: number;
  maxMs: number;
}

/**
 * The wait before retry number `failures` (1 for the first): exponential,
 * capped, with full jitter so that gateways failing together do not all
 * come back in the same instant. A receiver's `Retry-After` is a floor:
 * it knows when it expects to cope again.
 */
export function retryDelay(
  failures: number,
  settings: BackoffSettings,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(settings.maxMs, settings.initialMs * 2 ** exponent);
  const jittered = Math.round(random() * ceiling);

  return Math.max(jittered, retryAfterMs ?? 0);
}
