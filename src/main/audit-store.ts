import type {
  ActivityEventInput,
  ActivityWriteResult,
} from '../protocol/activity-event.ts';
import type { AuditEventInput } from '../protocol/audit-event.ts';
import type { EgressEventInput } from '../protocol/egress-event.ts';
import type {
  EnforcementClear,
  EnforcementRecord,
  EnforcementTarget,
  EnforcementUpdate,
} from '../protocol/enforcement.ts';
import type { JudgeResponseInput } from '../protocol/judge-response.ts';
import type { ScanResultInput } from '../protocol/scan-result.ts';
import type { SinkHealthInput } from '../protocol/sink-health.ts';
import type { TargetSnapshotInput } from '../protocol/target-snapshot.ts';
import type { WriteRequest } from '../protocol/write-request.ts';
import type {
  CheckpointMode,
  CheckpointResult,
  OpenReport,
} from '../protocol/writer-api.ts';
import { prepareSinks } from '../sinks/prepare-sinks.ts';
import type { SinkRunner } from '../sinks/sink-runner.ts';
import { encodeAuditEvent, encodeAuditEvents } from './audit-event-encoder.ts';
import { AuditReader } from './audit-reader.ts';
import { resolveConfig, type AuditStoreConfig } from './audit-store-config.ts';
import { ReaderPool } from './reader-pool.ts';
import { WriterClient, type WriteOptions } from './writer-client.ts';

/**
 * An open audit store: writes go to the writer thread, reads to the pool.
 * Every write resolves after the COMMIT that holds it; every read sees all
 * writes that resolved before it started.
 *
 * @example
 * await using store = await openAuditStore();
 * await store.recordEvent({ action: 'scan', target: 'skill:web', severity: 'LOW' });
 * const { items } = await store.queryEvents({ actionPrefix: 'guardrail-' });
 */
export class AuditStore extends AuditReader {
  readonly #writer: WriterClient;
  readonly #report: OpenReport;
  #closed: Promise<void> | undefined;
  readonly #sinks: SinkRunner | undefined;

  /** @internal use `openAuditStore`. */
  constructor(
    writer: WriterClient,
    readers: ReaderPool,
    report: OpenReport,
    startSinks?: (store: AuditStore) => SinkRunner | undefined,
  ) {
    super(readers);
    this.#writer = writer;
    this.#report = report;
    this.#sinks = startSinks?.(this);
  }

  /** Delivery to the enabled sinks; undefined when there is none. */
  get sinks(): SinkRunner | undefined {
    return this.#sinks;
  }

  /** The absolute database path. */
  get path(): string {
    return this.#report.path;
  }

  /** What happened on open: schema version, migrations, set-aside file. */
  get openReport(): OpenReport {
    return this.#report;
  }

  /** Writes not yet committed (bounded by `maxPendingWrites`). */
  get pendingWrites(): number {
    return this.#writer.pendingWrites;
  }

  /** Records one audit event; resolves to its id after it committed. */
  recordEvent(event: AuditEventInput, options?: WriteOptions): Promise<string> {
    return this.#encodeAndWrite(
      () => ({ op: 'audit-event', input: encodeAuditEvent(event) }),
      options,
    );
  }

  /** Records several events in one transaction: all commit or none. */
  recordEvents(
    events: AuditEventInput[],
    options?: WriteOptions,
  ): Promise<string[]> {
    return this.#encodeAndWrite(
      () => ({ op: 'audit-events', input: encodeAuditEvents(events) }),
      options,
    );
  }

  /** Records an operator change and the audit event that describes it. */
  recordActivity(
    activity: ActivityEventInput,
    options?: WriteOptions,
  ): Promise<ActivityWriteResult> {
    return this.#write({ op: 'activity', input: activity }, options);
  }

  /** Records a scan with its findings in one transaction; returns its id. */
  recordScan(scan: ScanResultInput, options?: WriteOptions): Promise<string> {
    return this.#write({ op: 'scan', input: scan }, options);
  }

  recordEgress(
    event: EgressEventInput,
    options?: WriteOptions,
  ): Promise<string> {
    return this.#write({ op: 'egress', input: event }, options);
  }

  /** Records an LLM-judge answer; `rawResponse` is cut at 64 KiB. */
  recordJudgeResponse(
    response: JudgeResponseInput,
    options?: WriteOptions,
  ): Promise<string> {
    return this.#write({ op: 'judge', input: response }, options);
  }

  /** Inserts or replaces the baseline of one target. */
  saveTargetSnapshot(
    snapshot: TargetSnapshotInput,
    options?: WriteOptions,
  ): Promise<string> {
    return this.#write({ op: 'snapshot', input: snapshot }, options);
  }

  recordSinkHealth(
    health: SinkHealthInput,
    options?: WriteOptions,
  ): Promise<string> {
    return this.#write({ op: 'sink-health', input: health }, options);
  }

  /**
   * Sets enforcement fields of a target, keeping the others. Resolves to
   * the row as stored, or null when no field is left.
   */
  setEnforcement(update: EnforcementUpdate): Promise<EnforcementRecord | null> {
    return this.#write({ op: 'enforcement-set', input: update });
  }

  /** Clears fields; the row is deleted when none is left. */
  clearEnforcement(clear: EnforcementClear): Promise<EnforcementRecord | null> {
    return this.#write({ op: 'enforcement-clear', input: clear });
  }

  /** Deletes a target's row; resolves to whether there was one. */
  removeEnforcement(target: EnforcementTarget): Promise<boolean> {
    return this.#write({ op: 'enforcement-remove', input: target });
  }

  /** Runs a WAL checkpoint now on the writer connection. */
  checkpoint(mode: CheckpointMode = 'PASSIVE'): Promise<CheckpointResult> {
    return this.#writer.checkpoint(mode);
  }

  /**
   * Stops sink delivery (letting an attempt in flight finish) and the read
   * pool, then commits what is queued, checkpoints, and stops the writer
   * thread. Calling it again returns the same promise.
   *
   * The pool goes first so that the writer's connection is the last one
   * open on the file: SQLite removes the `-wal` and `-shm` files only when
   * the last connection closes, and a read-only connection cannot.
   */
  override close(): Promise<void> {
    const sinksStopped = this.#sinks?.stop() ?? Promise.resolve();
    this.#closed ??= sinksStopped.then(() =>
      super.close().finally(() => this.#writer.close()),
    );
    return this.#closed;
  }

  /**
   * Kills the writer thread without draining, as a crash would. Pending
   * writes reject with WORKER_GONE. @internal for tests.
   */
  terminateWriter(): Promise<void> {
    return this.#writer.terminate();
  }

  /** @internal for the sink runner. */
  write<T>(request: WriteRequest, options?: WriteOptions): Promise<T> {
    return this.#write(request, options);
  }

  #write<T>(request: WriteRequest, options?: WriteOptions): Promise<T> {
    return this.#writer.write(request, options) as Promise<T>;
  }

  /** An input the encoder refuses rejects the call; it never throws. */
  #encodeAndWrite<T>(
    encode: () => WriteRequest,
    options?: WriteOptions,
  ): Promise<T> {
    let request: WriteRequest;
    try {
      request = encode();
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.#write(request, options);
  }
}

/** How much lower the read pool's threads run than the writer's. */
const READER_NICE_INCREMENT = 10;

/**
 * Opens (creating when missing) the store and waits until the writer has
 * migrated it and the read pool's first thread has its connection open.
 * Rejects with SCHEMA_TOO_NEW, SYMLINK_REFUSED, IO, ...
 *
 * Nothing is left starting up once this resolves. The pool's thread used
 * to boot after open had returned, taking CPU from the first writes of
 * every new store (a quarter to a half of a second of it when run from
 * the TypeScript sources); it now boots while the writer migrates, and
 * a store whose reads cannot work fails here rather than at its first
 * query.
 */
export async function openAuditStore(
  config?: AuditStoreConfig,
): Promise<AuditStore> {
  const resolved = resolveConfig(config);
  const startSinks = prepareSinks(resolved.writer.path, config);
  // Reads yield the CPU to the writer and the embedder's own work: an
  // audit query can wait a little, the gateway's requests should not.
  const readers = new ReaderPool(
    resolved.writer.path,
    resolved.writer.busyTimeoutMs,
    resolved.readers,
    READER_NICE_INCREMENT,
  );
  const started = await WriterClient.start(
    resolved.writer,
    resolved.maxPendingWrites,
  ).catch(async (error: unknown) => {
    await readers.close();
    throw error;
  });
  try {
    await readers.ready();
  } catch (error) {
    // The pool first, as in close(): the writer's connection closes last.
    await readers.close().finally(() => started.client.close());
    throw error;
  }
  return new AuditStore(started.client, readers, started.report, startSinks);
}
