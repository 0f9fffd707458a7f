type Attributes = Record<string, string | number>;

/** One SVG element; attribute values and text are escaped. */
export function element(
  name: string,
  attributes: Attributes,
  content?: string,
): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => `${key}="${escapeXml(String(value))}"`)
    .join(' ');
  return content === undefined
    ? `<${name} ${attrs}/>`
    : `<${name} ${attrs}>${escapeXml(content)}</${name}>`;
}

export function text(
  x: number,
  y: number,
  content: string,
  attributes: Attributes = {},
): string {
  return element('text', { x, y, ...attributes }, content);
}

export function line(
  from: [number, number],
  to: [number, number],
  attributes: Attributes,
): string {
  const [x1, y1] = from;
  const [x2, y2] = to;
  return element('line', { x1, y1, x2, y2, ...attributes });
}

function escapeXml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
