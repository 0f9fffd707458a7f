import type { ContentionPlan } from './contention-scenario.ts';
import type { GrowthPlan } from './growth-scenario.ts';
import type { ReadersPlan } from './readers-scenario.ts';
import type { Synchronous } from './store-pragmas.ts';

/** Sizes of the scenarios that compare the store with the baselines. */
export interface CorePlan {
  /** Interleaved repetitions; each figure reported is the median round. */
  rounds: number;
  synchronous: Synchronous[];
  /** Autocommit baseline and 64 producers insert this many each. */
  perRowEvents: number;
  serialEvents: number;
  /** The ceiling, fire-hose and batch API insert this many each. */
  bulkEvents: number;
  transactionSize: number;
  producers: number;
  fireHose: { chunk: number; maxOutstanding: number };
  batch: { size: number; inFlight: number };
}

export interface SuitePlan {
  name: 'quick' | 'full';
  core: CorePlan;
  contention: ContentionPlan;
  readers: ReadersPlan;
  growth: GrowthPlan;
}

/**
 * 64 calls per turn of the event loop, as request handlers would make
 * them (a larger burst measures the producer's own blocking), and never
 * more unanswered calls than the store's default maxPendingWrites: past
 * that the store makes callers wait, and a producer piling up waiting
 * calls only adds garbage-collection pauses to the main thread.
 */
const FIRE_HOSE = { chunk: 64, maxOutstanding: 20_000 };
const CONTENDER = { holdMs: 25, dutyCycle: 0.5, rowsPerTransaction: 50 };

/** Every scenario, small enough to finish in under a minute. */
export const QUICK_PLAN: SuitePlan = {
  name: 'quick',
  core: {
    rounds: 1,
    synchronous: ['NORMAL', 'FULL'],
    perRowEvents: 3_000,
    serialEvents: 600,
    bulkEvents: 30_000,
    transactionSize: 10_000,
    producers: 64,
    fireHose: FIRE_HOSE,
    batch: { size: 10_000, inFlight: 2 },
  },
  contention: {
    busyTimeoutsMs: [0, 10, 100, 5000],
    seconds: 1,
    producers: 64,
    contender: CONTENDER,
  },
  readers: {
    seconds: 2,
    workloads: ['producers', 'fire-hose'],
    walLimitBytes: 128 << 20,
    walSampleMs: 50,
  },
  growth: {
    rows: 80_000,
    segmentRows: 40_000,
    transactionSize: 10_000,
    ...fireHoseGrowth(),
  },
};

/** The full suite: medians of three rounds, and a 2M-row table. */
export const FULL_PLAN: SuitePlan = {
  name: 'full',
  core: {
    ...QUICK_PLAN.core,
    rounds: 3,
    perRowEvents: 10_000,
    serialEvents: 4_000,
    bulkEvents: 200_000,
  },
  contention: {
    ...QUICK_PLAN.contention,
    busyTimeoutsMs: [0, 5, 20, 100, 500, 1000, 5000],
    seconds: 6,
  },
  readers: { ...QUICK_PLAN.readers, seconds: 15, walSampleMs: 100 },
  growth: {
    rows: 2_000_000,
    segmentRows: 200_000,
    transactionSize: 10_000,
    ...fireHoseGrowth(),
  },
};

function fireHoseGrowth() {
  return {
    fireHoseChunk: FIRE_HOSE.chunk,
    fireHoseOutstanding: FIRE_HOSE.maxOutstanding,
  };
}
