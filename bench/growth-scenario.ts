import { inTransactions, runBaseline } from './baseline-scenarios.ts';
import type { BenchWorkspace } from './bench-workspace.ts';
import type { ScenarioResult } from './scenario-result.ts';
import { SegmentedMeasurement } from './segmented-measurement.ts';
import { fireHose } from './store-drivers.ts';
import { runStoreScenario } from './store-scenario.ts';

export interface GrowthPlan {
  rows: number;
  segmentRows: number;
  transactionSize: number;
  fireHoseChunk: number;
  fireHoseOutstanding: number;
}

/**
 * The table grown from empty to `rows`, once by the store's fire-hose and
 * once by the transaction ceiling, with throughput per segment: random
 * index keys make every insert dearer as the indexes outgrow the cache.
 */
export async function growthRuns(
  workspace: BenchWorkspace,
  plan: GrowthPlan,
): Promise<ScenarioResult[]> {
  const ours = new SegmentedMeasurement(plan.segmentRows);
  const store = await runStoreScenario(
    {
      workspace,
      spec: {
        id: 'growth.fire-hose',
        group: 'growth',
        label: 'store, fire-hose',
        synchronous: 'NORMAL',
      },
      budget: { events: plan.rows },
      measurement: ours,
      after: async () => ({ segments: ours.segments }),
    },
    (ctx) => fireHose(ctx, plan.fireHoseChunk, plan.fireHoseOutstanding),
  );

  const ceiling = new SegmentedMeasurement(plan.segmentRows);
  const baseline = await runBaseline(
    workspace,
    {
      id: 'growth.transactions',
      group: 'growth',
      label: `main thread, ${plan.transactionSize.toLocaleString('en-US')}-row transactions`,
      synchronous: 'NORMAL',
    },
    inTransactions(plan.rows, plan.transactionSize),
    ceiling,
  );
  return [store, { ...baseline, extra: { segments: ceiling.segments } }];
}
