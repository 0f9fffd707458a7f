import type { BenchWorkspace } from './bench-workspace.ts';
import { ContendingProcess } from './contending-process.ts';
import type { ContenderSettings } from './contending-writer.ts';
import type { ScenarioResult } from './scenario-result.ts';
import { awaitingProducers } from './store-drivers.ts';
import { runStoreScenario } from './store-scenario.ts';

export interface ContentionPlan {
  busyTimeoutsMs: number[];
  seconds: number;
  producers: number;
  contender: Omit<ContenderSettings, 'dbPath'>;
}

/**
 * The store's 64 producers against a second process that holds the write
 * lock part of the time, once per busy_timeout, plus one run without the
 * other process for reference. Busy errors are those that reached callers.
 */
export async function contentionCurve(
  workspace: BenchWorkspace,
  plan: ContentionPlan,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  results.push(await contentionPoint(workspace, plan, 5000, false));
  for (const busyTimeoutMs of plan.busyTimeoutsMs) {
    results.push(await contentionPoint(workspace, plan, busyTimeoutMs, true));
  }
  return results;
}

async function contentionPoint(
  workspace: BenchWorkspace,
  plan: ContentionPlan,
  busyTimeoutMs: number,
  contended: boolean,
): Promise<ScenarioResult> {
  const name = contended ? `busy_timeout ${busyTimeoutMs} ms` : 'no contender';
  let contender: ContendingProcess | undefined;
  return runStoreScenario(
    {
      workspace,
      spec: {
        id: contended ? `contention.${busyTimeoutMs}` : 'contention.none',
        group: 'contention',
        label: `${plan.producers} producers, ${name}`,
        synchronous: 'NORMAL',
      },
      budget: { seconds: plan.seconds },
      config: { busyTimeoutMs },
      before: async (_store, dbPath) => {
        if (contended) {
          contender = await ContendingProcess.start({
            ...plan.contender,
            dbPath,
          });
        }
      },
      after: async () => ({
        busyTimeoutMs,
        contended,
        contenderPlan: plan.contender,
        contender: await contender?.stop(),
      }),
    },
    (ctx) => awaitingProducers(ctx, plan.producers),
  );
}
