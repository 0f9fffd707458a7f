import { createRequire } from 'node:module';

import { Command } from 'commander';

import { COMMANDS } from './commands/command-list.ts';
import { EXIT_CODES } from './exit-code.ts';

/** The three programs: ours, and the two names the original shipped. */
export type ProgramName =
  'defenseclaw-audit' | 'defenseclaw' | 'defenseclaw-gateway';

const { version } = createRequire(import.meta.url)('../../package.json') as {
  version: string;
};

/**
 * `defenseclaw-audit COMMAND`, or `defenseclaw audit COMMAND` and
 * `defenseclaw-gateway audit COMMAND` for the original's documented
 * command lines. Settings made here are inherited by every command added
 * afterwards, so they come first.
 */
export function buildProgram(name: ProgramName): Command {
  const program = new Command(name)
    .version(version)
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .showSuggestionAfterError(true);

  const parent =
    name === 'defenseclaw-audit'
      ? program.description(DESCRIPTION)
      : program.command('audit').description(DESCRIPTION);
  for (const command of COMMANDS) command.register(parent);
  parent.addHelpText('after', EXIT_CODE_HELP);
  return program;
}

const DESCRIPTION =
  'Read, export and annotate the DefenseClaw audit store while the gateway writes to it.';

const EXIT_CODE_HELP = `
Exit codes:
  ${EXIT_CODES.OK}    success
  ${EXIT_CODES.FAILURE}    unexpected failure
  ${EXIT_CODES.USAGE}    bad command line (unknown command or flag, bad flag value)
  ${EXIT_CODES.BAD_INPUT}    bad input data (payload is not valid JSON, or fails validation)
  ${EXIT_CODES.NO_DATABASE}    the database does not exist
  ${EXIT_CODES.BUSY}    the database stayed locked past --busy-timeout
  ${EXIT_CODES.IO}    a file could not be read or written, or the output file exists
  ${EXIT_CODES.DATABASE_PROBLEM}    the database is unusable, or doctor found a problem
  ${EXIT_CODES.INTERRUPTED}  interrupted before the work was complete
`;
