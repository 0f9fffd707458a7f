import { setTimeout as delay } from 'node:timers/promises';

import type { Command } from 'commander';

import type { AuditReader } from '../../main/audit-reader.ts';
import type { AuditEventRecord } from '../../protocol/audit-event.ts';
import type { EventFilter } from '../../protocol/read-query.ts';
import {
  addDatabaseOptions,
  openReader,
  type DatabaseOptions,
} from '../database-options.ts';
import {
  addEventMatchOptions,
  eventFilterFrom,
  type EventFilterOptions,
} from '../event-filter-options.ts';
import { eventMatcher } from '../event-matcher.ts';
import { eventLine, headerLine, streamLayout } from '../event-table.ts';
import { auditEventLine } from '../export-record.ts';
import { addExamples } from '../help-examples.ts';
import { watchInterruption } from '../interruption.ts';
import { wholeNumber } from '../option-parsers.ts';
import { StreamTarget } from '../output-target.ts';
import { styleFor, terminalWidth } from '../terminal-style.ts';

interface TailOptions extends DatabaseOptions, EventFilterOptions {
  lines: number;
  follow: boolean;
  interval: number;
  json: boolean;
}

/** Rows read per poll; a burst larger than this is read in several polls. */
const POLL_ROWS = 1000;

export function register(parent: Command): void {
  const command = parent
    .command('tail')
    .description(
      'Show the newest audit events; with --follow, keep printing new ones as they commit.',
    )
    .option(
      '-n, --lines <n>',
      'how many of the newest events to show first',
      wholeNumber(0, 10_000),
      10,
    )
    .option(
      '-f, --follow',
      'keep running and print events as they are committed',
      false,
    )
    .option(
      '--interval <ms>',
      'with --follow, how often to look for new events',
      wholeNumber(50, 60_000),
      500,
    )
    .option('--json', 'one JSON object per line, as export writes them', false);
  addEventMatchOptions(command);
  addDatabaseOptions(command);
  addExamples(command, [
    { does: 'the last 20 events', args: '-n 20' },
    {
      does: 'watch guardrail decisions live, until Ctrl-C',
      args: "--follow --action 'guardrail-*'",
    },
    {
      does: 'stream new events as JSON into another tool',
      args: '--follow --lines 0 --json | jq .action',
    },
  ]);
  command.action((options: TailOptions) => tail(options));
}

async function tail(options: TailOptions): Promise<void> {
  const filter = eventFilterFrom(options);
  const reader = await openReader(options);
  // Watch signals before the first line: a signal that lands between the
  // newest rows and the first poll must end the command cleanly too.
  const interruption = options.follow ? watchInterruption() : undefined;
  const print = printer(options);
  try {
    // Read the high-water mark first: a row committed while the newest
    // rows are read is then either among them or found by the first poll.
    const mark = await reader.read<number>({ kind: 'max-event-rowid' });
    const newest = await newestEvents(reader, filter, options.lines);
    await print(newest);
    if (interruption !== undefined) {
      const seen = new Set(
        newest.filter((e) => e.rowid > mark).map((e) => e.rowid),
      );
      const poll = { filter, mark, seen, interval: options.interval };
      await follow(reader, poll, interruption.signal, print);
    }
  } finally {
    interruption?.dispose();
    await reader.close();
  }
}

async function newestEvents(
  reader: AuditReader,
  filter: EventFilter,
  count: number,
): Promise<AuditEventRecord[]> {
  if (count === 0) return [];
  const page = await reader.queryEvents(filter, {
    limit: count,
    order: 'desc',
  });
  return page.items.reverse();
}

interface Poll {
  filter: EventFilter;
  /** The highest rowid when the command started. */
  mark: number;
  /** Rows past the mark that were already shown among the newest. */
  seen: Set<number>;
  interval: number;
}

/**
 * Polls for rows past the last rowid seen until SIGINT or SIGTERM. Rowids
 * grow with each insert, so the order is the order of commits, like the
 * lines of a file under `tail -f`.
 */
async function follow(
  reader: AuditReader,
  poll: Poll,
  signal: AbortSignal,
  print: (events: AuditEventRecord[]) => Promise<void>,
): Promise<void> {
  const matches = eventMatcher(poll.filter);
  let after = poll.mark;
  while (!signal.aborted) {
    const rows = await reader.read<AuditEventRecord[]>({
      kind: 'events-after',
      afterRowid: after,
      limit: POLL_ROWS,
    });
    after = rows.at(-1)?.rowid ?? after;
    await print(
      rows.filter((row) => !poll.seen.has(row.rowid) && matches(row)),
    );
    if (rows.length < POLL_ROWS) {
      await delay(poll.interval, undefined, { signal }).catch(() => undefined);
    }
  }
}

function printer(options: TailOptions) {
  const out = new StreamTarget(process.stdout);
  const style = styleFor(process.stdout);
  const layout = streamLayout(terminalWidth(process.stdout));
  const anomalies = { unreadableStructured: 0 };
  let headed = !process.stdout.isTTY || options.json;

  return async (events: AuditEventRecord[]): Promise<void> => {
    if (events.length === 0) return;
    let chunk = '';
    if (!headed) {
      headed = true;
      chunk += `${headerLine(layout, style)}\n`;
    }
    for (const event of events) {
      chunk += options.json
        ? auditEventLine(event, anomalies)
        : `${eventLine(event, layout, style)}\n`;
    }
    await out.write(chunk);
  };
}
