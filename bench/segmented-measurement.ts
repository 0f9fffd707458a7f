import { Measurement } from './measurement.ts';

/** Throughput of one stretch of a growing table. */
export interface GrowthSegment {
  /** Rows in the table at the end of the segment. */
  rows: number;
  eventsPerSecond: number;
}

/**
 * A Measurement that also notes the time each `segmentRows` committed
 * events are reached, so a long run shows how throughput changes as the
 * table grows.
 */
export class SegmentedMeasurement extends Measurement {
  readonly segments: GrowthSegment[] = [];
  readonly #segmentRows: number;
  readonly #startRows: number;
  #nextBoundary: number;
  #segmentStartedAt = 0;

  constructor(segmentRows: number, startRows = 0) {
    super();
    this.#segmentRows = segmentRows;
    this.#startRows = startRows;
    this.#nextBoundary = segmentRows;
  }

  override start(): void {
    super.start();
    this.#segmentStartedAt = performance.now();
  }

  override committed(ms: number, count = 1): void {
    super.committed(ms, count);
    while (this.events >= this.#nextBoundary) this.#closeSegment();
  }

  #closeSegment(): void {
    const now = performance.now();
    const seconds = (now - this.#segmentStartedAt) / 1000;
    this.segments.push({
      rows: this.#startRows + this.#nextBoundary,
      eventsPerSecond: this.#segmentRows / seconds,
    });
    this.#segmentStartedAt = now;
    this.#nextBoundary += this.#segmentRows;
  }
}
