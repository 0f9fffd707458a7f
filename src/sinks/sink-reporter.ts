import type { AuditStore } from '../main/audit-store.ts';
import type { SinkOutcome } from '../protocol/sink-health.ts';
import type { ResolvedSinkConfig } from './resolved-sink-config.ts';
import type { DeliveryResult } from './sink.ts';
import type { SinkLogger, SinkLogLevel } from './sink-log.ts';

/** The parts of the store the delivery loop uses. */
export type SinkStore = Pick<
  AuditStore,
  'read' | 'write' | 'recordSinkHealth' | 'recordEvent' | 'pendingWrites'
>;

/** One attempt as it ended, for its `sink_health` row. */
export interface AttemptReport {
  result: DeliveryResult;
  batchSize: number;
  latencyMs: number;
  /** Events behind the cursor once the attempt ended. */
  queueDepth: number;
  /** Set on failures: whether this one opened the breaker. */
  breakerOpened?: boolean;
  /** Failures in a row, this one included. */
  failures?: number;
}

/**
 * Writes what each attempt did: a `sink_health` row per attempt, and one
 * `sink-failure` event when the breaker opens on a healthy sink, one
 * `sink-restored` event when it next delivers. An outage costs two audit
 * events, however long it lasts.
 */
export class SinkReporter {
  readonly #store: SinkStore;
  readonly #config: ResolvedSinkConfig;
  readonly #log: SinkLogger | undefined;
  #outageSince: number | undefined;
  lastSuccessAt: number | undefined;
  lastErrorAt: number | undefined;
  lastError: string | undefined;

  constructor(store: SinkStore, config: ResolvedSinkConfig, log?: SinkLogger) {
    this.#store = store;
    this.#config = config;
    this.#log = log;
  }

  async accepted(report: AttemptReport): Promise<void> {
    if (!report.result.accepted) return;
    const { rejected } = report.result;
    this.lastSuccessAt = Date.now();

    const writes = [
      this.#health(report, rejected > 0 ? 'partial' : 'delivered', rejected),
    ];
    if (this.#outageSince !== undefined) writes.push(this.#restored());
    if (rejected > 0) {
      this.#emit(
        'warn',
        `receiver refused ${rejected} of ${report.batchSize} events`,
      );
    }
    await Promise.all(writes);
  }

  async failed(report: AttemptReport): Promise<void> {
    if (report.result.accepted) return;
    const { retryable, error } = report.result;
    this.lastErrorAt = Date.now();
    this.lastError = error;

    const outcome: SinkOutcome = report.breakerOpened
      ? 'breaker-open'
      : retryable
        ? 'retrying'
        : 'failed';
    const writes = [this.#health(report, outcome, undefined)];
    if (report.breakerOpened && this.#outageSince === undefined) {
      writes.push(this.#failure(report, error));
    }
    this.#emit(report.breakerOpened ? 'error' : 'warn', `${outcome}: ${error}`);
    await Promise.all(writes);
  }

  #health(
    report: AttemptReport,
    outcome: SinkOutcome,
    droppedCount: number | undefined,
  ): Promise<unknown> {
    const { result } = report;
    return this.#store.recordSinkHealth({
      sinkName: this.#config.name,
      sinkKind: this.#config.kind,
      outcome,
      ...(result.statusCode === undefined
        ? {}
        : { statusCode: result.statusCode }),
      latencyMs: report.latencyMs,
      batchSize: report.batchSize,
      ...(result.accepted && result.error === undefined
        ? {}
        : { error: result.error }),
      queueDepth: report.queueDepth,
      ...(droppedCount === undefined || droppedCount === 0
        ? {}
        : { droppedCount }),
    });
  }

  #failure(report: AttemptReport, error: string | undefined): Promise<unknown> {
    this.#outageSince = Date.now();
    const { name, kind, breakerOpenMs } = this.#config;
    return this.#store.recordEvent({
      action: 'sink-failure',
      target: `sink:${name}`,
      severity: 'HIGH',
      details:
        `sink ${name} failed ${report.failures ?? 0} times in a row; ` +
        `deliveries pause for ${breakerOpenMs} ms between probes: ${error}`,
      structured: {
        sink_name: name,
        sink_kind: kind,
        consecutive_failures: report.failures ?? 0,
        status_code: report.result.statusCode ?? null,
        error: error ?? null,
        queue_depth: report.queueDepth,
      },
    });
  }

  #restored(): Promise<unknown> {
    const downMs = Date.now() - (this.#outageSince ?? Date.now());
    this.#outageSince = undefined;
    const { name, kind } = this.#config;
    this.#emit('info', `delivering again after ${downMs} ms`);
    return this.#store.recordEvent({
      action: 'sink-restored',
      target: `sink:${name}`,
      severity: 'INFO',
      details: `sink ${name} delivers again after ${downMs} ms`,
      structured: { sink_name: name, sink_kind: kind, down_ms: downMs },
    });
  }

  #emit(level: SinkLogLevel, message: string): void {
    this.#log?.({ level, sinkName: this.#config.name, message });
  }
}
