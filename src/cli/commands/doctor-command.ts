import type { Command } from 'commander';

import { CliError } from '../cli-error.ts';
import {
  addDatabaseOptions,
  databasePath,
  type DatabaseOptions,
} from '../database-options.ts';
import type { CheckResult } from '../check-result.ts';
import { diagnose } from '../doctor-checks.ts';
import { EXIT_CODES } from '../exit-code.ts';
import { printable } from '../event-table.ts';
import { addExamples } from '../help-examples.ts';
import { sortedJson } from '../sorted-json.ts';
import { styleFor, type TerminalStyle } from '../terminal-style.ts';

interface DoctorOptions extends DatabaseOptions {
  json: boolean;
}

export function register(parent: Command): void {
  const command = parent
    .command('doctor')
    .description(
      'Check the database without changing it: schema version, pending ' +
        'migrations, integrity, WAL size, file permissions.',
    )
    .option('--json', 'print the checks as one JSON object', false);
  addDatabaseOptions(command);
  addExamples(command, [
    { does: 'check the default database', args: '' },
    {
      does: 'check a copy, for a script',
      args: '--db /backup/audit.db --json',
    },
  ]);
  command.action((options: DoctorOptions) => doctor(options));
}

async function doctor(options: DoctorOptions): Promise<void> {
  const dbPath = databasePath(options);
  const results = diagnose(dbPath, options.busyTimeout);
  const problems = results.filter((result) => result.status !== 'ok');

  process.stdout.write(
    options.json
      ? `${sortedJson({ database: dbPath, healthy: problems.length === 0, checks: results })}\n`
      : textReport(dbPath, results, styleFor(process.stdout)),
  );
  if (problems.length > 0) {
    throw new CliError(
      EXIT_CODES.DATABASE_PROBLEM,
      `${problems.length} problem${problems.length === 1 ? '' : 's'} found ` +
        `in ${dbPath}: ${problems.map((p) => p.name).join(', ')}`,
    );
  }
}

function textReport(
  dbPath: string,
  results: CheckResult[],
  style: TerminalStyle,
): string {
  const width = Math.max(...results.map((result) => result.name.length));
  const marks = {
    ok: style.green('ok  '),
    warn: style.yellow('WARN'),
    fail: style.red('FAIL'),
  };
  const lines = results.map(
    (result) =>
      `${marks[result.status]}  ${result.name.padEnd(width)}  ${printable(result.detail)}`,
  );
  return `${style.bold(printable(dbPath))}\n${lines.join('\n')}\n`;
}
