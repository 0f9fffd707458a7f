import {
  autocommitBaseline,
  transactionBaseline,
} from './baseline-scenarios.ts';
import type { BenchWorkspace } from './bench-workspace.ts';
import { fireHose } from './store-drivers.ts';
import { runStoreScenario } from './store-scenario.ts';

/**
 * A short unreported pass through both baselines and the store, so the
 * first measured scenario does not pay for compiling the main thread's
 * code (the event factory, the client, the drivers). Returns the pragmas
 * the store's write connection reported, to print beside the figures.
 */
export async function warmUp(
  workspace: BenchWorkspace,
): Promise<Record<string, unknown>> {
  await autocommitBaseline(workspace, 'NORMAL', 500);
  await transactionBaseline(workspace, 'NORMAL', 5_000, 1_000);
  let reported: Record<string, unknown> = {};
  await runStoreScenario(
    {
      workspace,
      spec: {
        id: 'warm-up',
        group: 'store',
        label: 'warm-up',
        synchronous: 'NORMAL',
      },
      budget: { events: 5_000 },
      before: async (store) => {
        reported = { ...store.openReport.pragmas };
      },
    },
    (ctx) => fireHose(ctx, 64, 2_000),
  );
  return reported;
}
