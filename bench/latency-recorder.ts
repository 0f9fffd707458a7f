/**
 * Keeps every latency sample (8 bytes each) so percentiles are exact;
 * a 2M-event run holds 16 MB, which this machine can spare.
 */
export class LatencyRecorder {
  #samples = new Float64Array(4096);
  #count = 0;

  get count(): number {
    return this.#count;
  }

  /** Records `ms` once, or `times` times for every event of a batch. */
  record(ms: number, times = 1): void {
    if (this.#count + times > this.#samples.length) this.#grow(times);
    this.#samples.fill(ms, this.#count, this.#count + times);
    this.#count += times;
  }

  /** p50, p99 and max in milliseconds; zeros when nothing was recorded. */
  summary(): { p50: number; p99: number; max: number } {
    if (this.#count === 0) return { p50: 0, p99: 0, max: 0 };

    const sorted = this.#samples.slice(0, this.#count).sort();
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
  }

  #grow(extra: number): void {
    const size = Math.max(this.#samples.length * 2, this.#count + extra);
    const grown = new Float64Array(size);
    grown.set(this.#samples.subarray(0, this.#count));
    this.#samples = grown;
  }
}
