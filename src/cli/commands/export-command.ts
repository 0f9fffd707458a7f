import type { Command } from 'commander';

import {
  databasePath,
  addDatabaseOptions,
  openReader,
  type DatabaseOptions,
} from '../database-options.ts';
import {
  addEventFilterOptions,
  eventFilterFrom,
  type EventFilterOptions,
} from '../event-filter-options.ts';
import { addExamples } from '../help-examples.ts';
import { watchInterruption } from '../interruption.ts';
import { wholeNumber } from '../option-parsers.ts';
import { openOutput } from '../output-target.ts';
import { ProgressLine } from '../progress-line.ts';
import { exportStore, type ExportResult } from '../store-exporter.ts';

interface ExportOptions extends DatabaseOptions, EventFilterOptions {
  output: string;
  limit: number;
  includeActivity: boolean;
}

export function register(parent: Command): void {
  const command = parent
    .command('export')
    .description(
      'Write audit events as JSON lines, oldest first, every key present and sorted.',
    )
    .option(
      '-o, --output <file>',
      "a new file (created 0600, never overwritten), or '-' for stdout",
      '-',
    )
    .option(
      '--limit <n>',
      'only the earliest N audit events (0 = all)',
      wholeNumber(0),
      0,
    )
    .option(
      '--include-activity',
      'append the activity rows (operator changes) after the audit lines',
      false,
    );
  addEventFilterOptions(command);
  addDatabaseOptions(command);
  addExamples(command, [
    {
      does: 'the first 1000 events into a new file',
      args: '--output audit-events.jsonl --limit 1000',
    },
    {
      does: 'everything, with operator activity appended',
      args: '--include-activity --output combined-events.jsonl',
    },
    {
      does: 'high-severity guardrail events of the last day, to stdout',
      args: "--since 24h --action 'guardrail-*' --severity HIGH",
    },
  ]);
  command.action((options: ExportOptions) => runExport(options));
}

async function runExport(options: ExportOptions): Promise<void> {
  const filter = eventFilterFrom(options);
  const reader = await openReader(options);
  const interruption = watchInterruption();
  const progress = new ProgressLine(process.stderr);
  try {
    // Read first: a missing or unreadable database fails before a file
    // is created.
    const lastRowid = await reader.read<number>({ kind: 'max-event-rowid' });
    const out = await openOutput(options.output);
    let result: ExportResult;
    try {
      result = await exportStore(
        reader,
        out,
        {
          filter,
          limit: options.limit,
          includeActivity: options.includeActivity,
          lastRowid,
        },
        {
          signal: interruption.signal,
          onProgress: (done) =>
            progress.update(
              `exporting: ${done.events.toLocaleString('en-US')} events, ${done.activity.toLocaleString('en-US')} activity rows`,
            ),
        },
      );
      await out.close();
    } catch (error) {
      await out.discard();
      throw error;
    } finally {
      progress.clear();
    }
    report(result, out.name, databasePath(options));
  } finally {
    interruption.dispose();
    await reader.close();
  }
}

function report(result: ExportResult, target: string, db: string): void {
  if (result.unreadableStructured > 0) {
    process.stderr.write(
      `warning: ${result.unreadableStructured} events in ${db} hold structured_json that is not a JSON object; exported with "structured": null\n`,
    );
  }
  if (process.stderr.isTTY === true && target !== 'stdout') {
    process.stderr.write(
      `exported ${result.events} events and ${result.activity} activity rows to ${target}\n`,
    );
  }
}
