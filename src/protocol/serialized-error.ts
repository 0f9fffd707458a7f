import { AuditError } from './audit-error.ts';
import { ERROR_CODES, type ErrorCode } from './error-code.ts';

/**
 * An error flattened to plain data so that it crosses a thread boundary with
 * its code intact. Structured clone (and comlink's own error handler) would
 * keep only name, message and stack.
 */
export interface SerializedError {
  name: string;
  code: ErrorCode;
  message: string;
  field?: string;
  sqliteCode?: string;
  stack?: string;
  cause?: SerializedError;
}

export function serializeError(error: unknown, depth = 0): SerializedError {
  const auditError = toAuditError(error);
  const serialized: SerializedError = {
    name: auditError.name,
    code: auditError.code,
    message: auditError.message,
  };
  if (auditError.field !== undefined) serialized.field = auditError.field;
  if (auditError.sqliteCode !== undefined) {
    serialized.sqliteCode = auditError.sqliteCode;
  }
  if (auditError.stack !== undefined) serialized.stack = auditError.stack;
  if (auditError.cause !== undefined && depth < 4) {
    serialized.cause = serializeError(auditError.cause, depth + 1);
  }
  return serialized;
}

export function deserializeError(serialized: SerializedError): AuditError {
  const code = ERROR_CODES.includes(serialized.code)
    ? serialized.code
    : 'INTERNAL';
  const error = new AuditError(code, serialized.message, {
    ...(serialized.field === undefined ? {} : { field: serialized.field }),
    ...(serialized.sqliteCode === undefined
      ? {}
      : { sqliteCode: serialized.sqliteCode }),
    ...(serialized.cause === undefined
      ? {}
      : { cause: deserializeError(serialized.cause) }),
  });
  if (serialized.stack !== undefined) error.stack = serialized.stack;
  return error;
}

/**
 * Maps anything thrown (an AuditError, a SqliteError, a Node system error)
 * onto an AuditError with the most specific code.
 */
export function toAuditError(error: unknown): AuditError {
  if (error instanceof AuditError) return error;

  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String((error as { code: unknown }).code)
      : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const mapped = code === undefined ? 'INTERNAL' : codeForSystemError(code);
  const sqliteCode = code?.startsWith('SQLITE_') ? code : undefined;

  return new AuditError(mapped, message, {
    cause: error,
    ...(sqliteCode === undefined ? {} : { sqliteCode }),
  });
}

function codeForSystemError(code: string): ErrorCode {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return 'BUSY';
  }
  if (code.startsWith('SQLITE_READONLY')) return 'READ_ONLY';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return 'DISK_FULL';
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return 'CORRUPT';
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) return 'CONSTRAINT';
  if (code === 'SQLITE_CANTOPEN' || code === 'ENOENT') return 'NOT_FOUND';
  if (
    code.startsWith('SQLITE_IOERR') ||
    code === 'EACCES' ||
    code === 'EROFS'
  ) {
    return 'IO';
  }
  return 'INTERNAL';
}
