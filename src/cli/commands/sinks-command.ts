import fs from 'node:fs';

import { Argument, type Command } from 'commander';

import { AuditError } from '../../protocol/audit-error.ts';
import { loadSinkConfigs } from '../../sinks/load-sink-configs.ts';
import type { ResolvedSinkConfig } from '../../sinks/resolved-sink-config.ts';
import { readSinkLag, type SinkLag } from '../../sinks/sink-lag.ts';
import { SinkRunner } from '../../sinks/sink-runner.ts';
import { canonicalToRfc3339 } from '../../worker/canonical-timestamp.ts';
import { CliError } from '../cli-error.ts';
import {
  addDatabaseOptions,
  databasePath,
  openReader,
  openStore,
  type DatabaseOptions,
} from '../database-options.ts';
import { printable } from '../event-table.ts';
import { EXIT_CODES } from '../exit-code.ts';
import { addExamples } from '../help-examples.ts';
import { sortedJson } from '../sorted-json.ts';
import { styleFor } from '../terminal-style.ts';

interface SinksOptions extends DatabaseOptions {
  config?: string;
  json: boolean;
}

export function register(parent: Command): void {
  const command = parent
    .command('sinks')
    .description(
      "Show each sink's lag, last success and last error; `sinks flush` delivers everything pending and exits.",
    )
    .addArgument(
      new Argument(
        '[action]',
        'flush: deliver everything pending to every enabled sink, then exit (0 when all of it arrived)',
      ).choices(['flush']),
    )
    .option(
      '--config <file>',
      'the YAML file with the audit_sinks list (default: config.yaml beside the database)',
    )
    .option('--json', 'print one JSON object per sink', false);
  addDatabaseOptions(command);
  addExamples(command, [
    { does: 'how far behind each sink is', args: '' },
    { does: 'after an outage, or where no gateway runs', args: 'flush' },
  ]);
  command.action((action: 'flush' | undefined, options: SinksOptions) =>
    action === 'flush' ? flushSinks(options) : showSinks(options),
  );
}

function sinkConfigs(options: SinksOptions): ResolvedSinkConfig[] {
  return loadSinkConfigs(databasePath(options), {
    ...(options.config === undefined
      ? {}
      : { sinksConfigFile: options.config }),
  });
}

async function showSinks(options: SinksOptions): Promise<void> {
  const configs = sinkConfigs(options);
  const reader = await openReader(options);
  try {
    const lags = await readSinkLag(reader, configs);
    process.stdout.write(options.json ? jsonLines(lags) : table(lags));
  } finally {
    await reader.close();
  }
}

/**
 * Delivers with a runner of this process, beside any gateway that delivers
 * too: the stored cursor only moves forward, so the worst case is an event
 * sent twice, which the receivers drop by its id.
 */
async function flushSinks(options: SinksOptions): Promise<void> {
  const configs = sinkConfigs(options).filter((config) => config.enabled);
  if (configs.length === 0) {
    throw new CliError(
      EXIT_CODES.BAD_INPUT,
      'no enabled sink to flush: add one to the audit_sinks list of config.yaml',
    );
  }
  const dbPath = databasePath(options);
  if (!fs.existsSync(dbPath)) {
    throw new AuditError('NOT_FOUND', `no audit database at ${dbPath}`);
  }

  const store = await openStore(options, { sinksConfigFile: false });
  try {
    const runner = new SinkRunner(store, configs, {
      onLog: (entry) =>
        process.stderr.write(`${entry.sinkName}: ${entry.message}\n`),
    });
    const results = await runner.flush();
    await runner.stop();
    for (const result of results) {
      const outcome = result.ok ? 'delivered' : `failed: ${result.error}`;
      process.stdout.write(`${result.name}\t${outcome}\n`);
    }
    const failed = results.filter((result) => !result.ok);
    if (failed.length > 0) {
      throw new CliError(
        EXIT_CODES.FAILURE,
        failed.map((r) => `sink ${r.name} failed: ${r.error}`).join('; '),
      );
    }
  } finally {
    await store.close();
  }
}

function jsonLines(lags: SinkLag[]): string {
  return lags
    .map((lag) =>
      sortedJson({
        name: lag.sinkName,
        kind: lag.kind,
        enabled: lag.enabled,
        position: lag.position,
        lag: lag.lag,
        oldest_pending_at: rfc3339(lag.oldestPendingAt),
        last_attempt_at: rfc3339(lag.lastAttemptAt),
        last_outcome: lag.lastOutcome,
        last_success_at: rfc3339(lag.lastSuccessAt),
        last_error_at: rfc3339(lag.lastErrorAt),
        last_error: lag.lastError,
        last_status_code: lag.lastStatusCode,
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

const HEADERS = [
  'SINK',
  'KIND',
  'LAG',
  'BEHIND SINCE',
  'LAST SUCCESS',
  'LAST ERROR',
];

function table(lags: SinkLag[]): string {
  if (lags.length === 0) return 'no sinks configured and no cursor recorded\n';
  const rows = lags.map((lag) => [
    lag.sinkName,
    lag.kind === null
      ? '(not configured)'
      : lag.enabled
        ? lag.kind
        : `${lag.kind} (disabled)`,
    lag.lag.toLocaleString('en-US'),
    rfc3339(lag.oldestPendingAt) ?? '-',
    rfc3339(lag.lastSuccessAt) ?? 'never',
    lag.lastError === null
      ? '-'
      : `${rfc3339(lag.lastErrorAt)} ${printable(lag.lastError)}`,
  ]);
  const widths = HEADERS.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const style = styleFor(process.stdout);
  return [style.bold(line(HEADERS)), ...rows.map(line), ''].join('\n');
}

function rfc3339(canonical: string | null): string | null {
  return canonical === null ? null : canonicalToRfc3339(canonical);
}
