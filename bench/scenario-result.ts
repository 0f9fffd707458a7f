import type { LoopDelay } from './loop-delay-monitor.ts';
import type { Synchronous } from './store-pragmas.ts';

export type ScenarioGroup =
  'baseline' | 'store' | 'contention' | 'readers' | 'growth';

/** Every figure one scenario produced; the JSON report is a list of these. */
export interface ScenarioResult {
  /** Stable key, e.g. `store.producers-64.NORMAL`. */
  id: string;
  group: ScenarioGroup;
  label: string;
  synchronous: Synchronous;
  /** Events committed (failed ones excluded). */
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** From the call to its promise resolving (or its COMMIT, baselines). */
  latencyMs: { p50: number; p99: number; max: number };
  loopDelay: LoopDelay;
  /**
   * CPU time of this whole process (every thread) per committed event and
   * in cores used on average, plus the machine's 1-minute load average
   * when the scenario started: on a shared machine, a load above the core
   * count means other work took CPU from this run.
   */
  cpu: { usPerEvent: number; cores: number; loadAverage: number };
  /** Rows in audit_events when the scenario started and ended. */
  rows: { before: number; after: number };
  /** Errors that reached the caller, by code. */
  errors: Record<string, number>;
  /** Scenario-specific figures (contention settings, reader rates, ...). */
  extra?: Record<string, unknown>;
}
