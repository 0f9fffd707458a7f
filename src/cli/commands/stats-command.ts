import { Option, type Command } from 'commander';

import type { CountRow } from '../../protocol/read-query.ts';
import { SEVERITIES } from '../../protocol/severity.ts';
import { canonicalToRfc3339 } from '../../worker/canonical-timestamp.ts';
import {
  addDatabaseOptions,
  openReader,
  type DatabaseOptions,
} from '../database-options.ts';
import {
  addActionOption,
  addTimeWindowOptions,
  eventFilterFrom,
  type ActionMatch,
} from '../event-filter-options.ts';
import { addExamples } from '../help-examples.ts';
import { printable } from '../event-table.ts';
import { sortedJson } from '../sorted-json.ts';
import { styleFor, type TerminalStyle } from '../terminal-style.ts';
import { parseTimeBound } from '../time-bound.ts';

interface StatsOptions extends DatabaseOptions {
  since?: string;
  until?: string;
  all: boolean;
  action?: ActionMatch;
  json: boolean;
}

interface Stats {
  since: string | null;
  until: string | null;
  total: number;
  bySeverity: CountRow[];
  byAction: CountRow[];
}

export function register(parent: Command): void {
  const command = parent
    .command('stats')
    .description(
      'Count audit events by severity and by action over a time window (the last 24 hours unless told).',
    )
    .addOption(
      new Option('--all', 'count every event, not only the last 24 hours')
        .default(false)
        .conflicts(['since']),
    )
    .option('--json', 'print the counts as one JSON object', false);
  addTimeWindowOptions(command);
  addActionOption(command);
  addDatabaseOptions(command);
  addExamples(command, [
    { does: 'the last 24 hours', args: '' },
    {
      does: 'guardrail events of the last week, for a script',
      args: "--since 7d --action 'guardrail-*' --json",
    },
  ]);
  command.action((options: StatsOptions) => stats(options));
}

async function stats(options: StatsOptions): Promise<void> {
  // The last 24 hours, the window of the documented query, applies only
  // when no bound is given at all.
  const unbounded = options.since === undefined && options.until === undefined;
  const since =
    options.all || !unbounded ? options.since : parseTimeBound('24h');
  const filter = eventFilterFrom({ ...options, since });
  const reader = await openReader(options);
  try {
    const count = (by: 'severity' | 'action') =>
      reader.countEvents({ ...filter, by });
    const [bySeverity, byAction] = await Promise.all([
      count('severity'),
      count('action'),
    ]);
    const result: Stats = {
      since: since === undefined ? null : canonicalToRfc3339(since),
      until:
        options.until === undefined ? null : canonicalToRfc3339(options.until),
      total: bySeverity.reduce((sum, row) => sum + row.count, 0),
      bySeverity: inRankOrder(bySeverity),
      byAction,
    };
    process.stdout.write(
      options.json
        ? jsonStats(result)
        : textStats(result, styleFor(process.stdout)),
    );
  } finally {
    await reader.close();
  }
}

/** Highest severity first; values other tools wrote come last. */
function inRankOrder(rows: CountRow[]): CountRow[] {
  const rank = (key: string | null) => {
    const index = (SEVERITIES as readonly (string | null)[]).indexOf(key);
    return index === -1 ? SEVERITIES.length : index;
  };
  return [...rows].sort((a, b) => rank(a.key) - rank(b.key));
}

function jsonStats(stats: Stats): string {
  return `${sortedJson({
    since: stats.since,
    until: stats.until,
    total: stats.total,
    by_severity: stats.bySeverity.map((row) => ({
      severity: row.key,
      count: row.count,
    })),
    by_action: stats.byAction.map((row) => ({
      action: row.key,
      count: row.count,
    })),
  })}\n`;
}

function textStats(stats: Stats, style: TerminalStyle): string {
  const window = [
    stats.since === null ? 'all time' : `since ${stats.since}`,
    stats.until === null ? '' : ` until ${stats.until}`,
  ].join('');
  return [
    `${style.bold(stats.total.toLocaleString('en-US'))} audit events, ${window}`,
    '',
    ...countTable('SEVERITY', stats.bySeverity, style),
    '',
    ...countTable('ACTION', stats.byAction, style),
    '',
  ].join('\n');
}

function countTable(
  title: string,
  rows: CountRow[],
  style: TerminalStyle,
): string[] {
  const labels = rows.map((row) =>
    row.key === null ? '(none)' : printable(row.key),
  );
  const counts = rows.map((row) => row.count.toLocaleString('en-US'));
  const labelWidth = Math.max(title.length, ...labels.map((l) => l.length));
  const countWidth = Math.max('EVENTS'.length, ...counts.map((c) => c.length));
  return [
    style.bold(`${title.padEnd(labelWidth)}  ${'EVENTS'.padStart(countWidth)}`),
    ...labels.map(
      (label, i) =>
        `${label.padEnd(labelWidth)}  ${(counts[i] ?? '').padStart(countWidth)}`,
    ),
  ];
}
