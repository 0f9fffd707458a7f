import { invalidInput } from '../protocol/audit-error.ts';

/** Where a page ended: the sort key of its last row. */
export interface KeysetPosition {
  timestamp: string;
  rowid: number;
}

/**
 * Cursors are opaque to callers: base64url of the last row's (timestamp,
 * rowid). Ordering by timestamp with the rowid as tie-breaker uses the
 * timestamp index directly (an index entry ends with the rowid), and rows
 * inserted meanwhile never shift a page boundary.
 */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(
    JSON.stringify([position.timestamp, position.rowid]),
  ).toString('base64url');
}

export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const [timestamp, rowid] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    if (typeof timestamp === 'string' && Number.isSafeInteger(rowid)) {
      return { timestamp, rowid: rowid as number };
    }
  } catch {
    // Fall through to the error below.
  }
  throw invalidInput('cursor', 'is not a cursor returned by a previous page');
}
