import type { AuditEventRecord } from '../protocol/audit-event.ts';
import { parseSeverity } from '../protocol/severity.ts';
import { canonicalToRfc3339 } from '../worker/canonical-timestamp.ts';
import type { TerminalStyle } from './terminal-style.ts';

/** Column widths of a table; details take what is left of the line. */
export interface TableLayout {
  action: number;
  actor: number;
  target: number;
  /** The terminal's width, or undefined to never cut details. */
  lineWidth: number | undefined;
}

const TIME_WIDTH = 24;
const SEVERITY_WIDTH = 8;
const MAX_COLUMN = 40;

/** A layout for output that arrives over time (tail), fixed in advance. */
export function streamLayout(lineWidth: number | undefined): TableLayout {
  return { action: 20, actor: 14, target: 28, lineWidth };
}

/** A layout that fits a known set of rows (query). */
export function fittedLayout(
  events: readonly AuditEventRecord[],
  lineWidth: number | undefined,
): TableLayout {
  const widest = (
    pick: (event: AuditEventRecord) => string | null,
    title: string,
  ) =>
    Math.min(
      MAX_COLUMN,
      events.reduce(
        (width, event) => Math.max(width, printable(pick(event)).length),
        title.length,
      ),
    );
  return {
    action: widest((event) => event.action, 'ACTION'),
    actor: widest((event) => event.actor, 'ACTOR'),
    target: widest((event) => event.target, 'TARGET'),
    lineWidth,
  };
}

export function headerLine(layout: TableLayout, style: TerminalStyle): string {
  return style.bold(
    joinCells(layout, [
      'TIME',
      'SEVERITY',
      'ACTION',
      'ACTOR',
      'TARGET',
      'DETAILS',
    ]),
  );
}

export function eventLine(
  event: AuditEventRecord,
  layout: TableLayout,
  style: TerminalStyle,
): string {
  const severity = parseSeverity(event.severity ?? '') ?? 'INFO';
  const line = joinCells(layout, [
    canonicalToRfc3339(event.timestamp),
    severity,
    cell(event.action),
    cell(event.actor),
    cell(event.target),
    cell(event.details),
  ]);
  // Colour after cutting, so escape codes never count toward the width.
  return line.replace(severity, colourFor(severity, style));
}

function joinCells(layout: TableLayout, cells: string[]): string {
  const [
    time = '',
    severity = '',
    action = '',
    actor = '',
    target = '',
    details = '',
  ] = cells;
  const fixed = [
    fit(time, TIME_WIDTH),
    fit(severity, SEVERITY_WIDTH),
    fit(action, layout.action),
    fit(actor, layout.actor),
    fit(target, layout.target),
  ].join('  ');
  const line = `${fixed}  ${details}`;
  const cut =
    layout.lineWidth === undefined || line.length <= layout.lineWidth
      ? line
      : `${line.slice(0, Math.max(0, layout.lineWidth - 1))}…`;
  return cut.trimEnd();
}

function fit(text: string, width: number): string {
  return text.length > width
    ? `${text.slice(0, width - 1)}…`
    : text.padEnd(width);
}

/**
 * Stored text comes from agents and tools, so it may carry terminal escape
 * sequences or newlines; shown raw, they could rewrite the screen or forge
 * rows. Control characters are shown as \u escapes instead.
 */
export function printable(text: string | null | undefined): string {
  if (text === null || text === undefined) return '-';
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Blank text shows as `-`, so an empty cell never looks like a gap. */
function cell(text: string | null): string {
  return text === null || text.trim() === '' ? '-' : printable(text);
}

function colourFor(severity: string, style: TerminalStyle): string {
  switch (severity) {
    case 'CRITICAL':
    case 'HIGH':
      return style.red(severity);
    case 'MEDIUM':
    case 'WARN':
      return style.yellow(severity);
    case 'INFO':
      return style.dim(severity);
    default:
      return severity;
  }
}
