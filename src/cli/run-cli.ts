import { CommanderError, type Command } from 'commander';

import { AuditError } from '../protocol/audit-error.ts';
import { buildProgram, type ProgramName } from './build-program.ts';
import { CliError } from './cli-error.ts';
import { EXIT_CODES, HINTS, exitCodeFor } from './exit-code.ts';
import { commandPath } from './help-examples.ts';
import { OutputClosed } from './output-target.ts';
import { styleFor } from './terminal-style.ts';

/**
 * Runs one command line and returns its exit code. Every failure ends
 * here: it becomes one line on stderr, prefixed with the command, and an
 * exit code from exit-code.ts. Commands never print errors or exit.
 */
export async function runCli(
  name: ProgramName,
  argv: string[],
): Promise<number> {
  const program = buildProgram(name);
  try {
    await program.parseAsync(argv);
    return EXIT_CODES.OK;
  } catch (error) {
    const active = invokedCommand(program, argv.slice(2));
    const failure = describe(error, active);
    if (failure.message !== '') {
      const style = styleFor(process.stderr);
      const where = commandPath(active);
      process.stderr.write(
        `${style.red(style.bold(where))}: ${oneLine(failure.message)}\n`,
      );
    }
    return failure.exitCode;
  }
}

interface Failure {
  exitCode: number;
  /** Empty when nothing should be printed. */
  message: string;
}

function describe(error: unknown, active: Command): Failure {
  if (error instanceof CommanderError) return commanderFailure(error, active);
  if (error instanceof OutputClosed)
    return { exitCode: EXIT_CODES.OK, message: '' };
  if (error instanceof CliError)
    return { exitCode: error.exitCode, message: error.message };
  if (error instanceof AuditError) {
    const hint = HINTS[error.code];
    return {
      exitCode: exitCodeFor(error),
      message:
        hint === undefined ? error.message : `${error.message} (${hint})`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: EXIT_CODES.FAILURE,
    message: `unexpected failure: ${message}`,
  };
}

/**
 * Help and version requests are successes. Help shown because a command
 * is missing is a usage error, and commander has printed it already.
 */
function commanderFailure(error: CommanderError, active: Command): Failure {
  switch (error.code) {
    case 'commander.helpDisplayed':
    case 'commander.version':
      return { exitCode: EXIT_CODES.OK, message: '' };
    case 'commander.help':
      return { exitCode: EXIT_CODES.USAGE, message: '' };
    default:
      return {
        exitCode: EXIT_CODES.USAGE,
        message: `${error.message.replace(/^error: /, '')} (see '${commandPath(active)} --help')`,
      };
  }
}

/**
 * The command the arguments name, for the prefix of an error line.
 * Commander's parse errors do not say which command raised them.
 */
function invokedCommand(program: Command, args: string[]): Command {
  let command = program;
  for (const arg of args) {
    const sub = command.commands.find(
      (candidate) =>
        candidate.name() === arg || candidate.aliases().includes(arg),
    );
    if (sub !== undefined) command = sub;
  }
  return command;
}

/** Messages may quote multi-line values; a log line must stay one line. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
