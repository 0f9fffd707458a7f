import type { Command } from 'commander';

import * as doctorCommand from './doctor-command.ts';
import * as exportCommand from './export-command.ts';
import * as logActivityCommand from './log-activity-command.ts';
import * as queryCommand from './query-command.ts';
import * as sinksCommand from './sinks-command.ts';
import * as statsCommand from './stats-command.ts';
import * as tailCommand from './tail-command.ts';

/** What every command file exports. */
export interface CommandModule {
  /**
   * Adds the command to `parent`: the `defenseclaw-audit` program itself,
   * or the `audit` command of `defenseclaw` and `defenseclaw-gateway`.
   */
  register(parent: Command): void;
}

/**
 * Every command of the audit command line, in the order help lists them.
 *
 * To add a command: write `src/cli/commands/<name>-command.ts` exporting
 * `register(parent)` (declare its flags with `addDatabaseOptions` and
 * `addExamples`; throw CliError or AuditError rather than printing errors
 * or exiting, since run-cli.ts turns them into one stderr line and an exit
 * code), then import it here and add it to this list. All three programs
 * pick it up.
 */
export const COMMANDS: readonly CommandModule[] = [
  exportCommand,
  logActivityCommand,
  tailCommand,
  queryCommand,
  statsCommand,
  doctorCommand,
  sinksCommand,
];
