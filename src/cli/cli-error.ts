import type { ExitCode } from './exit-code.ts';

/**
 * A failure the command line detected itself (a bad flag value, an output
 * file that exists). It carries its exit code; store failures arrive as
 * AuditError and are mapped in exit-code.ts instead.
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;

  constructor(exitCode: ExitCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
