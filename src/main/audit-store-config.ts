import os from 'node:os';
import path from 'node:path';

import { v4 } from 'uuid';

import { invalidInput } from '../protocol/audit-error.ts';
import type { WriterSettings } from '../protocol/writer-api.ts';
import type { SinkConfig } from '../sinks/sink-config.ts';
import type { SinkLogger } from '../sinks/sink-log.ts';
import { migrationsDir } from './module-file.ts';

/** Options for `openAuditStore`; every field is optional. */
export interface AuditStoreConfig {
  /**
   * The database file. Default: `$DEFENSECLAW_HOME/audit.db` when that
   * variable is set, else `~/.defenseclaw/audit.db`.
   */
  path?: string;
  /** How long a write waits for another connection's lock. Default 5000. */
  busyTimeoutMs?: number;
  /** `NORMAL` (default) or `FULL`; see README, "Durability". */
  synchronous?: 'NORMAL' | 'FULL';
  /**
   * The `-wal` file is kept under this size. Default 128 MiB: the writer
   * checkpoints from a quarter of it, and the rest is room for the group
   * that commits before the next check (a 10,000-row group writes up to
   * ~50 MiB of WAL on a table of millions of rows).
   */
  walLimitBytes?: number;
  /** Most requests committed in one transaction. Default 10,000. */
  maxGroupSize?: number;
  /**
   * Most writes sent to the writer and not yet committed. Past it, calls
   * wait (or fail with QUEUE_FULL when called with `{ wait: false }`).
   * Default 20,000.
   */
  maxPendingWrites?: number;
  /** Read-pool threads. Default 2. */
  readers?: number;
  /** Action names accepted beyond `AUDIT_ACTIONS`. */
  extraActions?: string[];
  /** Files larger than this skip the full quick_check on open. 256 MiB. */
  integrityCheckMaxBytes?: number;
  /** Defaults for the provenance columns of every row. */
  provenance?: {
    schemaVersion?: number;
    contentHash?: string;
    generation?: number;
    binaryVersion?: string;
    sidecarInstanceId?: string;
  };
  /** Defaults to `$DEFENSECLAW_RUN_ID`, else a new UUID per process. */
  runId?: string;
  /**
   * Sinks delivered from the store, besides those of `sinksConfigFile`;
   * see README.md, "Sinks". Secrets are named environment variables.
   */
  sinks?: SinkConfig[];
  /**
   * A YAML file whose `audit_sinks:` list adds sinks. Default: `config.yaml`
   * beside the database, when it exists; false reads no file.
   */
  sinksConfigFile?: string | false;
  /** Receives sink failures and recoveries; the store never prints. */
  onSinkLog?: SinkLogger;
}

export interface ResolvedConfig {
  writer: WriterSettings;
  maxPendingWrites: number;
  readers: number;
}

/** One UUID per process, as the original's sidecar instance id. */
const PROCESS_INSTANCE_ID = v4();
const PROCESS_RUN_ID = process.env['DEFENSECLAW_RUN_ID'] ?? v4();

export function defaultDatabasePath(env = process.env): string {
  const home = env['DEFENSECLAW_HOME'];
  const folder =
    home !== undefined && home !== ''
      ? home
      : path.join(os.homedir(), '.defenseclaw');
  return path.join(folder, 'audit.db');
}

export function resolveConfig(config: AuditStoreConfig = {}): ResolvedConfig {
  const provenance = config.provenance ?? {};
  return Object.freeze({
    writer: {
      path: path.resolve(config.path ?? defaultDatabasePath()),
      busyTimeoutMs: whole(config.busyTimeoutMs, 5000, 'busyTimeoutMs', 0),
      synchronous: checkSynchronous(config.synchronous),
      walLimitBytes: whole(
        config.walLimitBytes,
        128 << 20,
        'walLimitBytes',
        1 << 20,
      ),
      maxGroupSize: whole(config.maxGroupSize, 10_000, 'maxGroupSize', 1),
      migrationsDir: migrationsDir(),
      extraActions: [...(config.extraActions ?? [])],
      integrityCheckMaxBytes: whole(
        config.integrityCheckMaxBytes,
        256 << 20,
        'integrityCheckMaxBytes',
        0,
      ),
      provenance: {
        schemaVersion: provenance.schemaVersion ?? 7,
        contentHash: provenance.contentHash ?? null,
        generation: provenance.generation ?? null,
        binaryVersion: provenance.binaryVersion ?? null,
        sidecarInstanceId: provenance.sidecarInstanceId ?? PROCESS_INSTANCE_ID,
        runId: config.runId ?? PROCESS_RUN_ID,
      },
    },
    maxPendingWrites: whole(
      config.maxPendingWrites,
      20_000,
      'maxPendingWrites',
      1,
    ),
    readers: whole(config.readers, 2, 'readers', 1),
  });
}

function whole(
  value: number | undefined,
  fallback: number,
  field: string,
  min: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) {
    throw invalidInput(field, `expected a whole number of at least ${min}`);
  }
  return value;
}

function checkSynchronous(value: string | undefined): 'NORMAL' | 'FULL' {
  if (value === undefined) return 'NORMAL';
  if (value === 'NORMAL' || value === 'FULL') return value;
  throw invalidInput('synchronous', 'expected NORMAL or FULL');
}
