import {
  autocommitBaseline,
  transactionBaseline,
} from './baseline-scenarios.ts';
import { progress } from './bench-log.ts';
import type { BenchWorkspace } from './bench-workspace.ts';
import type { ScenarioResult } from './scenario-result.ts';
import type { ScenarioSpec } from './scenario-spec.ts';
import {
  awaitingProducers,
  batchInserts,
  fireHose,
  serialInserts,
  type DriverContext,
} from './store-drivers.ts';
import type { Synchronous } from './store-pragmas.ts';
import { runStoreScenario } from './store-scenario.ts';
import type { CorePlan } from './suite-plan.ts';

type Runner = () => Promise<ScenarioResult>;

/**
 * The baselines and the store's four ways of writing, with each
 * synchronous setting, run in interleaved rounds so that drift on a noisy
 * machine hits all of them alike. Each scenario reports its median round;
 * every round's events/s stays in `extra.rounds`.
 */
export async function coreComparison(
  workspace: BenchWorkspace,
  plan: CorePlan,
): Promise<ScenarioResult[]> {
  const runs = new Map<string, ScenarioResult[]>();
  for (let round = 1; round <= plan.rounds; round++) {
    for (const synchronous of plan.synchronous) {
      for (const run of roundRunners(workspace, plan, synchronous)) {
        const result = await run();
        progress(
          `round ${round}/${plan.rounds} ${result.id}: ` +
            `${Math.round(result.eventsPerSecond)} events/s`,
        );
        runs.set(result.id, [...(runs.get(result.id) ?? []), result]);
      }
    }
  }
  return [...runs.values()].map(median);
}

function roundRunners(
  workspace: BenchWorkspace,
  plan: CorePlan,
  synchronous: Synchronous,
): Runner[] {
  const store = (
    key: string,
    label: string,
    events: number,
    drive: (ctx: DriverContext) => Promise<void>,
  ): Runner => {
    const spec: ScenarioSpec = {
      id: `store.${key}.${synchronous}`,
      group: 'store',
      label,
      synchronous,
    };
    return () =>
      runStoreScenario({ workspace, spec, budget: { events } }, drive);
  };
  const { batch, fireHose: hose, producers } = plan;

  return [
    () => autocommitBaseline(workspace, synchronous, plan.perRowEvents),
    () =>
      transactionBaseline(
        workspace,
        synchronous,
        plan.bulkEvents,
        plan.transactionSize,
      ),
    store(
      'serial',
      'store, one awaited insert at a time',
      plan.serialEvents,
      serialInserts,
    ),
    store(
      `producers-${producers}`,
      `store, ${producers} producers awaiting each insert`,
      plan.perRowEvents,
      (ctx) => awaitingProducers(ctx, producers),
    ),
    store(
      'fire-hose',
      'store, fire-hose of un-awaited inserts',
      plan.bulkEvents,
      (ctx) => fireHose(ctx, hose.chunk, hose.maxOutstanding),
    ),
    store(
      'batch',
      `store, recordEvents of ${batch.size.toLocaleString('en-US')}, ${batch.inFlight} in flight`,
      plan.bulkEvents,
      (ctx) => batchInserts(ctx, batch.size, batch.inFlight),
    ),
  ];
}

function median(results: ScenarioResult[]): ScenarioResult {
  const sorted = [...results].sort(
    (a, b) => a.eventsPerSecond - b.eventsPerSecond,
  );
  const middle = sorted[Math.floor((sorted.length - 1) / 2)] as ScenarioResult;
  return {
    ...middle,
    extra: {
      ...middle.extra,
      rounds: results.map((r) => Math.round(r.eventsPerSecond)),
    },
  };
}
