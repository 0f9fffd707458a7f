import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}

/**
 * Samples how late the main thread's event loop runs a 1 ms timer. A loop
 * blocked by a synchronous transaction shows up as one late sample as long
 * as that transaction; a free loop stays near the timer's own resolution.
 */
export class LoopDelayMonitor {
  readonly #histogram: IntervalHistogram = monitorEventLoopDelay({
    resolution: 1,
  });

  start(): void {
    this.#histogram.reset();
    this.#histogram.enable();
  }

  stop(): LoopDelay {
    this.#histogram.disable();
    const count = this.#histogram.count;
    return {
      p99Ms: count === 0 ? 0 : this.#histogram.percentile(99) / 1e6,
      maxMs: count === 0 ? 0 : this.#histogram.max / 1e6,
    };
  }
}
