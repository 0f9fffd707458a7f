/**
 * Milliseconds from `now` that a `Retry-After` header asks to wait: either
 * delay seconds or an HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfter(
  header: string | null,
  now = Date.now(),
): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();

  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
