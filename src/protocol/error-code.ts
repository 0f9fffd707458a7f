/**
 * Every error the store raises carries one of these codes. They are part of
 * the public contract: README.md documents each one, and they survive the
 * hop between the writer thread, the read pool and the caller.
 */
export const ERROR_CODES = [
  /** A value failed validation; `field` names it. Nothing was written. */
  'INVALID_INPUT',
  /** The write lock stayed taken by another connection past busy_timeout. */
  'BUSY',
  /** A write was attempted on a read-only connection or file. */
  'READ_ONLY',
  /** The store was closed before or while the call ran. */
  'CLOSED',
  /** The writer thread exited; the call's outcome is unknown. */
  'WORKER_GONE',
  /** The database file failed its integrity check. */
  'CORRUPT',
  /** The write queue is full and the caller asked not to wait. */
  'QUEUE_FULL',
  /** The database was written by a newer release than this one. */
  'SCHEMA_TOO_NEW',
  /** The disk (or a quota) is full; the write was not committed. */
  'DISK_FULL',
  /** The operating system refused a read or write. */
  'IO',
  /** The database file or folder is missing. */
  'NOT_FOUND',
  /** The database path is a symbolic link, which the store refuses. */
  'SYMLINK_REFUSED',
  /** Another constraint of the schema refused the row. */
  'CONSTRAINT',
  /** A fault with no better code; `cause` holds the original error. */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
