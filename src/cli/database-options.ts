import path from 'node:path';

import type { Command } from 'commander';

import { openAuditReader, type AuditReader } from '../main/audit-reader.ts';
import {
  defaultDatabasePath,
  type AuditStoreConfig,
} from '../main/audit-store-config.ts';
import { openAuditStore, type AuditStore } from '../main/audit-store.ts';
import { wholeNumber } from './option-parsers.ts';

/** The options every command takes to find and wait for the database. */
export interface DatabaseOptions {
  db?: string;
  busyTimeout: number;
}

export function addDatabaseOptions(command: Command): Command {
  return command
    .option(
      '--db <path>',
      'the audit database (default: $DEFENSECLAW_HOME/audit.db, else ~/.defenseclaw/audit.db)',
    )
    .option(
      '--busy-timeout <ms>',
      'how long to wait for another process holding a lock',
      wholeNumber(0, 600_000),
      5000,
    );
}

export function databasePath(options: DatabaseOptions): string {
  return path.resolve(options.db ?? defaultDatabasePath());
}

/**
 * Read-only access for the commands that only look: it never creates or
 * migrates the file, and a missing file fails with NOT_FOUND. One pool
 * thread is enough, since a command runs one read at a time.
 */
export function openReader(options: DatabaseOptions): Promise<AuditReader> {
  return openAuditReader({
    path: databasePath(options),
    busyTimeoutMs: options.busyTimeout,
    readers: 1,
  });
}

/** The full store, for commands that write (migrating it if needed). */
export function openStore(
  options: DatabaseOptions,
  extra: AuditStoreConfig = {},
): Promise<AuditStore> {
  return openAuditStore({
    ...extra,
    path: databasePath(options),
    busyTimeoutMs: options.busyTimeout,
    readers: 1,
  });
}
