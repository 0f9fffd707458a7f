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
 * code (the event factory, the client, the drivers).
 */
export async function warmUp(workspace: BenchWorkspace): Promise<void> {
  await autocommitBaseline(workspace, 'NORMAL', 500);
  await transactionBaseline(workspace, 'NORMAL', 5_000, 1_000);
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
    },
    (ctx) => fireHose(ctx, 512, 2_000),
  );
}
