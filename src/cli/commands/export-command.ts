import type { Command } from 'commander';

import type { AuditReader } from '../../main/audit-reader.ts';

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
import { openOutput, type OutputTarget } from '../output-target.ts';
import { ProgressLine } from '../progress-line.ts';
import {
  exportStore,
  type ExportPlan,
  type ExportProgress,
  type ExportResult,
} from '../store-exporter.ts';

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
  try {
    // Read first: a missing or unreadable database fails before a file
    // is created.
    const lastRowid = await reader.read<number>({ kind: 'max-event-rowid' });
    const plan: ExportPlan = {
      filter,
      limit: options.limit,
      includeActivity: options.includeActivity,
      lastRowid,
    };
    const out = await openOutput(options.output);
    const result = await writeAll(reader, out, plan, interruption.signal);
    report(result, out.name, databasePath(options));
  } finally {
    interruption.dispose();
    await reader.close();
  }
}

/** A failed or interrupted export leaves no partial file behind. */
async function writeAll(
  reader: AuditReader,
  out: OutputTarget,
  plan: ExportPlan,
  signal: AbortSignal,
): Promise<ExportResult> {
  const progress = new ProgressLine(process.stderr);
  const onProgress = (done: ExportProgress) =>
    progress.update(
      `exporting: ${done.events.toLocaleString('en-US')} events, ` +
        `${done.activity.toLocaleString('en-US')} activity rows`,
    );
  try {
    const result = await exportStore(reader, out, plan, { signal, onProgress });
    await out.close();
    return result;
  } catch (error) {
    await out.discard();
    throw error;
  } finally {
    progress.clear();
  }
}

function report(result: ExportResult, target: string, db: string): void {
  if (result.unreadableStructured > 0) {
    process.stderr.write(
      `warning: ${result.unreadableStructured} events in ${db} hold ` +
        'structured_json that is not a JSON object; exported with ' +
        '"structured": null\n',
    );
  }
  if (process.stderr.isTTY === true && target !== 'stdout') {
    process.stderr.write(
      `exported ${result.events} events and ${result.activity} activity rows to ${target}\n`,
    );
  }
}
