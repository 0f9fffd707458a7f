/**
 * JSON text with the keys of every object, at any depth, in sorted order,
 * so two exports of the same rows are byte-identical and diffable. The
 * original exporter got this from Go's map encoding; JSON.stringify keeps
 * insertion order and would put integer-like keys ("9", "10") first.
 */
export function sortedJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => sortedJson(item ?? null)).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    return sortedObject(value as Record<string, unknown>);
  }
  return JSON.stringify(value) ?? 'null';
}

function sortedObject(record: Record<string, unknown>): string {
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    members.push(`${JSON.stringify(key)}:${sortedJson(member)}`);
  }
  return `{${members.join(',')}}`;
}
