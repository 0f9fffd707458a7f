import os from 'node:os';

import { LatencyRecorder } from './latency-recorder.ts';
import { LoopDelayMonitor } from './loop-delay-monitor.ts';
import type { ScenarioResult } from './scenario-result.ts';

type Figures = Pick<
  ScenarioResult,
  | 'events'
  | 'seconds'
  | 'eventsPerSecond'
  | 'latencyMs'
  | 'loopDelay'
  | 'errors'
  | 'cpu'
>;

/**
 * The clock, latencies, errors and event-loop delay of one scenario run.
 * Only committed events count toward throughput; failed calls are counted
 * by error code instead.
 */
export class Measurement {
  readonly latencies = new LatencyRecorder();
  readonly #loop = new LoopDelayMonitor();
  readonly #errors: Record<string, number> = {};
  #startedAt = 0;
  #events = 0;
  #cpuAtStart = process.cpuUsage();
  #loadAtStart = 0;

  start(): void {
    this.#loop.start();
    this.#loadAtStart = os.loadavg()[0] ?? 0;
    this.#cpuAtStart = process.cpuUsage();
    this.#startedAt = performance.now();
  }

  /** `count` events committed, `ms` after they were asked for. */
  committed(ms: number, count = 1): void {
    this.#events += count;
    this.latencies.record(ms, count);
  }

  failed(error: unknown, count = 1): void {
    const code = errorCode(error);
    this.#errors[code] = (this.#errors[code] ?? 0) + count;
  }

  get events(): number {
    return this.#events;
  }

  elapsedSeconds(): number {
    return (performance.now() - this.#startedAt) / 1000;
  }

  stop(): Figures {
    const seconds = this.elapsedSeconds();
    const { user, system } = process.cpuUsage(this.#cpuAtStart);
    const loopDelay = this.#loop.stop();
    return {
      cpu: {
        usPerEvent: (user + system) / Math.max(1, this.#events),
        cores: (user + system) / 1e6 / seconds,
        loadAverage: this.#loadAtStart,
      },
      events: this.#events,
      seconds,
      eventsPerSecond: this.#events / seconds,
      latencyMs: this.latencies.summary(),
      loopDelay,
      errors: { ...this.#errors },
    };
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}
