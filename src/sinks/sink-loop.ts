import { performance } from 'node:perf_hooks';

import type { AuditEventRecord } from '../protocol/audit-event.ts';
import { AuditError } from '../protocol/audit-error.ts';
import type { SinkBatch } from '../protocol/sink-reads.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import type { ResolvedSinkConfig } from './resolved-sink-config.ts';
import type { DeliveryResult, Sink } from './sink.ts';
import { SinkFilter } from './sink-filter.ts';
import type { SinkLogger } from './sink-log.ts';
import { pauseAfter, retryWait, type StepResult } from './sink-pause.ts';
import { SinkReporter, type SinkStore } from './sink-reporter.ts';
import type { SinkStatus } from './sink-status.ts';
import { WakeSignal } from './wake-signal.ts';

/**
 * Delivers one sink from the store: read the batch after the cursor on the
 * read pool, send it, and move the cursor only once the receiver accepted
 * it. The cursor lives in the database, so a restart resumes where the
 * last accepted batch ended, and the backlog of a receiver that is down
 * costs disk in the store rather than memory here.
 */
export class SinkLoop {
  readonly config: ResolvedSinkConfig;
  readonly #store: SinkStore;
  readonly #sink: Sink;
  readonly #filter: SinkFilter;
  readonly #breaker: CircuitBreaker;
  readonly #reporter: SinkReporter;
  readonly #log: SinkLogger | undefined;
  readonly #wake = new WakeSignal();
  #cursor = 0;
  #queueDepth: number | undefined;
  #turn: Promise<unknown> = Promise.resolve();
  #running: Promise<void> | undefined;
  #stopping = false;

  constructor(
    store: SinkStore,
    config: ResolvedSinkConfig,
    sink: Sink,
    log?: SinkLogger,
  ) {
    this.config = config;
    this.#store = store;
    this.#sink = sink;
    this.#log = log;
    this.#filter = new SinkFilter(config.minSeverity, config.actions);
    this.#breaker = new CircuitBreaker(
      config.breakerFailures,
      config.breakerOpenMs,
    );
    this.#reporter = new SinkReporter(store, config, log);
  }

  /** Starts delivering in the background until `stop()`. */
  start(): void {
    this.#running ??= this.#run();
  }

  /**
   * Delivers every event written before the call. Resolves to undefined
   * when all arrived, else to why not: a refused batch, retries that ran
   * into the breaker, or the loop stopping.
   */
  async flush(): Promise<string | undefined> {
    const target = await this.#store.read<number>({ kind: 'max-event-rowid' });
    while (!this.#stopping && this.#cursor < target) {
      const step = await this.step();
      if (step.kind === 'idle') return undefined;
      if (step.kind === 'breaker-open') {
        const { failures } = this.#breaker;
        return (
          `breaker open for ${step.waitMs} ms more after ${failures} ` +
          `failures: ${this.#reporter.lastError}`
        );
      }
      if (step.kind === 'failed') {
        const { result } = step;
        if (!result.retryable || this.#breaker.state !== 'closed') {
          return result.error;
        }
        await this.#wake.wait(
          retryWait(result, this.#breaker.failures, this.config),
        );
      }
    }
    return this.#stopping
      ? 'stopped before everything was delivered'
      : undefined;
  }

  /** One read-and-send; steps never overlap, whoever calls them. */
  step(): Promise<StepResult> {
    const result = this.#turn.then(() => this.#step());
    this.#turn = result.catch(() => undefined);
    return result;
  }

  /** Lets the attempt in flight finish, skips any wait, and closes. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake.wake();
    await this.#running;
    await this.#turn;
    await this.#sink.close().catch((error: unknown) =>
      this.#log?.({
        level: 'warn',
        sinkName: this.config.name,
        message: `closing: ${(error as Error).message}`,
        error,
      }),
    );
  }

  status(): SinkStatus {
    return {
      name: this.config.name,
      kind: this.config.kind,
      cursor: this.#cursor,
      queueDepth: this.#queueDepth,
      breaker: this.#breaker.state,
      failures: this.#breaker.failures,
      lastSuccessAt: isoOrUndefined(this.#reporter.lastSuccessAt),
      lastErrorAt: isoOrUndefined(this.#reporter.lastErrorAt),
      lastError: this.#reporter.lastError,
    };
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      let pauseMs: number;
      try {
        const step = await this.step();
        pauseMs = Math.max(
          pauseAfter(step, this.#breaker, this.config),
          this.#yieldToWriters(step),
        );
      } catch (error) {
        if (error instanceof AuditError && error.code === 'CLOSED') return;
        this.#log?.({
          level: 'error',
          sinkName: this.config.name,
          message: `cannot read or record deliveries: ${(error as Error).message}`,
          error,
        });
        pauseMs = this.config.flushIntervalMs;
      }
      if (pauseMs > 0 && !this.#stopping) await this.#wake.wait(pauseMs);
    }
  }

  /**
   * Catching up on a backlog competes with the gateway's own writes for
   * two cores: reading, encoding and sending took up to a third of the
   * writers' throughput. While writes are waiting, the loop rests as long
   * as it just worked, so catch-up takes at most about half of its CPU and
   * the backlog, which is safe on disk, drains a little later instead.
   */
  #yieldToWriters(step: StepResult): number {
    if (step.kind !== 'advanced' || step.sent === 0) return 0;
    return this.#store.pendingWrites > 0 ? step.workMs : 0;
  }

  async #step(): Promise<StepResult> {
    const started = performance.now();
    // An open breaker skips even the read: a sink that is down costs the
    // store nothing until its next probe.
    const waitMs = this.#breaker.waitMs();
    if (waitMs > 0) return { kind: 'breaker-open', waitMs };

    const batch = await this.#store.read<SinkBatch>({
      kind: 'sink-batch',
      sinkName: this.config.name,
      afterRowid: this.#cursor,
      limit: this.config.batchSize,
    });
    this.#cursor = batch.position;
    const last = batch.events.at(-1);
    this.#queueDepth = batch.maxRowid - this.#cursor;
    if (last === undefined) return { kind: 'idle' };

    const owed = batch.events.filter((event) => this.#filter.owes(event));
    if (owed.length === 0) {
      await this.#advance(last.rowid, batch.maxRowid);
      return { kind: 'advanced', sent: 0, workMs: 0 };
    }
    return this.#attempt(owed, last.rowid, batch.maxRowid, started);
  }

  async #attempt(
    owed: AuditEventRecord[],
    through: number,
    maxRowid: number,
    readStarted: number,
  ): Promise<StepResult> {
    const started = performance.now();
    const result = await this.#send(owed);
    const sent = performance.now();
    const latencyMs = Math.round(sent - started);
    const report = { result, batchSize: owed.length, latencyMs };

    if (result.accepted) {
      this.#breaker.recordSuccess();
      // Sent in the same turn, the cursor and its health row travel to the
      // writer together and commit in one group.
      await Promise.all([
        this.#advance(through, maxRowid),
        this.#reporter.accepted({ ...report, queueDepth: maxRowid - through }),
      ]);
      return {
        kind: 'advanced',
        sent: owed.length,
        workMs: sent - readStarted,
      };
    }
    const breakerOpened = this.#breaker.recordFailure();
    await this.#reporter.failed({
      ...report,
      queueDepth: maxRowid - this.#cursor,
      breakerOpened,
      failures: this.#breaker.failures,
    });
    return { kind: 'failed', result };
  }

  /** A sink that throws has a bug; its batch is still owed, so retry. */
  async #send(events: AuditEventRecord[]): Promise<DeliveryResult> {
    try {
      return await this.#sink.send(events);
    } catch (error) {
      return { accepted: false, retryable: true, error: String(error) };
    }
  }

  async #advance(position: number, maxRowid: number): Promise<void> {
    await this.#store.write({
      op: 'sink-cursor',
      input: { sinkName: this.config.name, position },
    });
    this.#cursor = position;
    this.#queueDepth = maxRowid - position;
  }
}

function isoOrUndefined(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
