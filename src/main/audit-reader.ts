import fs from 'node:fs';
import path from 'node:path';

import type { ActivityEventRecord } from '../protocol/activity-event.ts';
import { AuditError } from '../protocol/audit-error.ts';
import type { AuditEventRecord } from '../protocol/audit-event.ts';
import type { EgressEventRecord } from '../protocol/egress-event.ts';
import type {
  EnforcementRecord,
  EnforcementTarget,
} from '../protocol/enforcement.ts';
import type {
  ActivityFilter,
  CountOptions,
  CountRow,
  EgressFilter,
  EventFilter,
  Page,
  PageOptions,
  ReadQuery,
  ScanFilter,
} from '../protocol/read-query.ts';
import type { ScanResultRecord } from '../protocol/scan-result.ts';
import { defaultDatabasePath } from './audit-store-config.ts';
import { ReaderPool } from './reader-pool.ts';

export interface AuditReaderConfig {
  /** The database file; the same default as `openAuditStore`. */
  path?: string;
  /** How long a read waits for a lock. Default 5000. */
  busyTimeoutMs?: number;
  /** Read-pool threads. Default 2. */
  readers?: number;
}

/**
 * Read access to a store through a pool of read-only connections. It never
 * creates, migrates or writes the database: tools that only look (the CLI's
 * export, tail and stats) use this while a gateway writes.
 */
export class AuditReader implements AsyncDisposable {
  readonly #pool: ReaderPool;
  #closed: Promise<void> | undefined;

  /** @internal use `openAuditReader` or `openAuditStore`. */
  constructor(pool: ReaderPool) {
    this.#pool = pool;
  }

  /** The state that applies to a target on a connector (its row, else global). */
  getEnforcement(target: EnforcementTarget): Promise<EnforcementRecord | null> {
    return this.read({
      kind: 'enforcement-get',
      targetType: target.targetType,
      targetName: target.targetName,
      ...(target.connector === undefined
        ? {}
        : { connector: target.connector }),
    });
  }

  listEnforcement(targetType?: string): Promise<EnforcementRecord[]> {
    return this.read({
      kind: 'enforcement-list',
      ...(targetType === undefined ? {} : { targetType }),
    });
  }

  /** Audit events in time order, a page at a time (keyset pagination). */
  queryEvents(
    filter: EventFilter = {},
    page: PageOptions = {},
  ): Promise<Page<AuditEventRecord>> {
    return this.read({ kind: 'events', filter, page });
  }

  /** Event counts grouped by severity or action, over an optional window. */
  countEvents(options: CountOptions): Promise<CountRow[]> {
    return this.read({ kind: 'count', options });
  }

  queryActivity(
    filter: ActivityFilter = {},
    page: PageOptions = {},
  ): Promise<Page<ActivityEventRecord>> {
    return this.read({ kind: 'activity', filter, page });
  }

  queryEgress(
    filter: EgressFilter = {},
    page: PageOptions = {},
  ): Promise<Page<EgressEventRecord>> {
    return this.read({ kind: 'egress', filter, page });
  }

  /** Scans with their findings. */
  queryScans(
    filter: ScanFilter = {},
    page: PageOptions = {},
  ): Promise<Page<ScanResultRecord>> {
    return this.read({ kind: 'scans', filter, page });
  }

  getScan(id: string): Promise<ScanResultRecord | null> {
    return this.read({ kind: 'scan', id });
  }

  /**
   * Runs any read of the protocol on the pool.
   * @internal for the CLI and the sink runner.
   */
  read<T>(query: ReadQuery): Promise<T> {
    if (this.#closed !== undefined) {
      return Promise.reject(
        new AuditError('CLOSED', 'the audit store is closed'),
      );
    }
    return this.#pool.run<T>(query);
  }

  /** Stops the pool threads. Calling it again returns the same promise. */
  close(): Promise<void> {
    this.#closed ??= this.#pool.close();
    return this.#closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * Opens a store for reading only. Rejects with NOT_FOUND when the file does
 * not exist, rather than creating it.
 */
export async function openAuditReader(
  config: AuditReaderConfig = {},
): Promise<AuditReader> {
  const dbPath = path.resolve(config.path ?? defaultDatabasePath());
  if (!fs.existsSync(dbPath)) {
    throw new AuditError('NOT_FOUND', `no audit database at ${dbPath}`);
  }
  const pool = new ReaderPool(
    dbPath,
    config.busyTimeoutMs ?? 5000,
    config.readers ?? 2,
  );
  return new AuditReader(pool);
}
