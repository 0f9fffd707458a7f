import type { AuditError } from '../protocol/audit-error.ts';
import type { ErrorCode } from '../protocol/error-code.ts';

/**
 * The exit codes of every command, documented in README.md ("Exit codes").
 * Scripts branch on them, so a value never changes meaning.
 */
export const EXIT_CODES = {
  /** The command did what it was asked. */
  OK: 0,
  /** An unexpected fault; the message says what failed. */
  FAILURE: 1,
  /** A bad command line: unknown command or flag, or a bad flag value. */
  USAGE: 2,
  /** Bad input data: a payload that is not valid JSON or fails checks. */
  BAD_INPUT: 3,
  /** The database file does not exist. */
  NO_DATABASE: 4,
  /** Another connection held the lock past the busy timeout. */
  BUSY: 5,
  /** Reading or writing a file failed, or an output file already exists. */
  IO: 6,
  /** The database is unusable (corrupt, newer schema) or doctor found a problem. */
  DATABASE_PROBLEM: 7,
  /** Interrupted by SIGINT or SIGTERM before the work was complete. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

const BY_ERROR_CODE: Readonly<Record<ErrorCode, ExitCode>> = {
  INVALID_INPUT: EXIT_CODES.BAD_INPUT,
  CONSTRAINT: EXIT_CODES.BAD_INPUT,
  NOT_FOUND: EXIT_CODES.NO_DATABASE,
  BUSY: EXIT_CODES.BUSY,
  QUEUE_FULL: EXIT_CODES.BUSY,
  IO: EXIT_CODES.IO,
  DISK_FULL: EXIT_CODES.IO,
  READ_ONLY: EXIT_CODES.IO,
  CORRUPT: EXIT_CODES.DATABASE_PROBLEM,
  SCHEMA_TOO_NEW: EXIT_CODES.DATABASE_PROBLEM,
  SYMLINK_REFUSED: EXIT_CODES.DATABASE_PROBLEM,
  CLOSED: EXIT_CODES.FAILURE,
  WORKER_GONE: EXIT_CODES.FAILURE,
  INTERNAL: EXIT_CODES.FAILURE,
};

/** The one place where a store error becomes a process exit code. */
export function exitCodeFor(error: AuditError): ExitCode {
  return BY_ERROR_CODE[error.code];
}

/** What a person can do about a store error, appended to its message. */
export const HINTS: Partial<Record<ErrorCode, string>> = {
  NOT_FOUND: 'pass --db PATH or set DEFENSECLAW_HOME',
  BUSY: 'another process holds the lock; retry, or raise --busy-timeout',
  QUEUE_FULL: 'the writer is saturated; retry',
  DISK_FULL: 'free disk space and retry',
  READ_ONLY: 'check that the database and its folder are writable',
  SCHEMA_TOO_NEW: 'use a newer defenseclaw-audit',
  CORRUPT: "run 'defenseclaw-audit doctor' for details",
};
