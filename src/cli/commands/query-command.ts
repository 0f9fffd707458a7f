import type { Command } from 'commander';

import {
  addDatabaseOptions,
  openReader,
  type DatabaseOptions,
} from '../database-options.ts';
import {
  addEventFilterOptions,
  eventFilterFrom,
  type EventFilterOptions,
} from '../event-filter-options.ts';
import { eventLine, fittedLayout, headerLine } from '../event-table.ts';
import { auditEventLine } from '../export-record.ts';
import { addExamples } from '../help-examples.ts';
import { wholeNumber } from '../option-parsers.ts';
import { StreamTarget } from '../output-target.ts';
import { styleFor, terminalWidth } from '../terminal-style.ts';

interface QueryOptions extends DatabaseOptions, EventFilterOptions {
  limit: number;
  newestFirst: boolean;
  json: boolean;
}

export function register(parent: Command): void {
  const command = parent
    .command('query')
    .description(
      'Show the audit events that match filters: a table, or JSON lines with --json.',
    )
    .option('--limit <n>', 'show at most N events', wholeNumber(1, 10_000), 100)
    .option('--newest-first', 'list the newest events first', false)
    .option('--json', 'one JSON object per line, as export writes them', false);
  addEventFilterOptions(command);
  addDatabaseOptions(command);
  addExamples(command, [
    {
      does: 'blocks of the last hour',
      args: "--since 1h --action 'guardrail-*' --severity HIGH",
    },
    { does: 'one session, for a script', args: '--session-id 7f1c2e --json' },
  ]);
  command.action((options: QueryOptions) => query(options));
}

async function query(options: QueryOptions): Promise<void> {
  const filter = eventFilterFrom(options);
  const reader = await openReader(options);
  try {
    const page = await reader.queryEvents(filter, {
      limit: options.limit,
      order: options.newestFirst ? 'desc' : 'asc',
    });
    const out = new StreamTarget(process.stdout);
    await out.write(render(page.items, options));
    await out.close();
    if (page.items.length === 0) {
      process.stderr.write('no events match\n');
    } else if (page.nextCursor !== undefined) {
      process.stderr.write(
        `more events match; showing ${options.limit} (raise --limit, or use export for all of them)\n`,
      );
    }
  } finally {
    await reader.close();
  }
}

function render(
  events: Parameters<typeof fittedLayout>[0],
  options: QueryOptions,
): string {
  if (options.json) {
    const anomalies = { unreadableStructured: 0 };
    return events.map((event) => auditEventLine(event, anomalies)).join('');
  }
  if (events.length === 0) return '';

  const style = styleFor(process.stdout);
  const width = terminalWidth(process.stdout);
  const layout = fittedLayout(events, width);
  const lines = [headerLine(layout, style)];
  for (const event of events) lines.push(eventLine(event, layout, style));
  return `${lines.join('\n')}\n`;
}
