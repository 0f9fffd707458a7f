import type { ErrorCode } from './error-code.ts';

export interface AuditErrorDetails {
  /** The input field at fault, as a dotted path (`events.3.severity`). */
  field?: string;
  /** The SQLite extended result code, such as `SQLITE_BUSY_SNAPSHOT`. */
  sqliteCode?: string;
  cause?: unknown;
}

/**
 * The one error class of the store. `code` is stable and documented; the
 * message is for people and may change between releases.
 */
export class AuditError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly sqliteCode: string | undefined;

  constructor(code: ErrorCode, message: string, details?: AuditErrorDetails) {
    super(
      message,
      details?.cause === undefined ? {} : { cause: details.cause },
    );
    this.name = 'AuditError';
    this.code = code;
    this.field = details?.field;
    this.sqliteCode = details?.sqliteCode;
  }
}

/** Shorthand for the most common error: a bad value in a named field. */
export function invalidInput(field: string, message: string): AuditError {
  return new AuditError('INVALID_INPUT', `${field}: ${message}`, { field });
}
