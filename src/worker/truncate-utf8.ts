/**
 * Cuts text to at most `limit` bytes of UTF-8 without splitting a
 * character, and says how much was cut. Text within the limit is returned
 * as it is.
 */
export function truncateUtf8(text: string, limit: number): string {
  if (text.length * 3 <= limit) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return text;

  let end = limit;
  // Step back over continuation bytes (10xxxxxx) to a character start.
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--;
  const cut = bytes.length - end;
  return `${bytes.subarray(0, end).toString('utf8')}…[truncated ${cut} bytes]`;
}
