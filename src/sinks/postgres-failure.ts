import pg from 'pg';

import type { DeliveryResult } from './sink.ts';

/**
 * SQLSTATE classes worth another try: connection exceptions (08),
 * insufficient resources (53) and operator intervention (57: shutdown,
 * statement timeout), plus serialization failures and deadlocks.
 */
const RETRYABLE_CLASSES = new Set(['08', '53', '57']);
const RETRYABLE_STATES = new Set(['40001', '40P01']);

/**
 * Classifies a failed batch. An error the server did not send came from
 * the socket or the pool (refused, reset, connect timeout): the server may
 * be back later. A data or permission error would fail the same way again.
 */
export function postgresFailure(error: unknown): DeliveryResult {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof pg.DatabaseError) || error.code === undefined) {
    const code = (error as { code?: unknown } | null)?.code;
    const detail = typeof code === 'string' ? `${code}: ${message}` : message;
    return { accepted: false, retryable: true, error: `postgres: ${detail}` };
  }

  const { code } = error;
  return {
    accepted: false,
    retryable:
      RETRYABLE_CLASSES.has(code.slice(0, 2)) || RETRYABLE_STATES.has(code),
    error: `postgres ${code}: ${message}`,
  };
}
