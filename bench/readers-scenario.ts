import type { BenchWorkspace } from './bench-workspace.ts';
import { LiveReaders } from './live-readers.ts';
import type { ScenarioResult } from './scenario-result.ts';
import type { DriverContext } from './store-drivers.ts';
import { runStoreScenario } from './store-scenario.ts';
import { WalSampler } from './wal-sampler.ts';

export interface ReadersPlan {
  seconds: number;
  /** Writer workloads to compare with and without readers. */
  workloads: ('producers' | 'fire-hose')[];
  walLimitBytes: number;
  walSampleMs: number;
}

export interface WriterWorkload {
  key: string;
  label: string;
  drive(ctx: DriverContext): Promise<void>;
}

/**
 * The same writer workload twice, for the same time: alone, then with the
 * read pool answering queries without pause. The `-wal` size is sampled
 * in both, against the store's configured limit.
 */
export async function readersComparison(
  workspace: BenchWorkspace,
  plan: ReadersPlan,
  workload: WriterWorkload,
): Promise<ScenarioResult[]> {
  return [
    await readersRun(workspace, plan, workload, false),
    await readersRun(workspace, plan, workload, true),
  ];
}

async function readersRun(
  workspace: BenchWorkspace,
  plan: ReadersPlan,
  workload: WriterWorkload,
  withReaders: boolean,
): Promise<ScenarioResult> {
  let sampler: WalSampler | undefined;
  let readers: LiveReaders | undefined;
  const startedAt = { ms: 0 };
  return runStoreScenario(
    {
      workspace,
      spec: {
        id: `readers.${workload.key}.${withReaders ? 'with' : 'without'}`,
        group: 'readers',
        label: `${workload.label}, ${withReaders ? 'with' : 'without'} live readers`,
        synchronous: 'NORMAL',
      },
      budget: { seconds: plan.seconds },
      config: { walLimitBytes: plan.walLimitBytes },
      before: async (store, dbPath) => {
        sampler = new WalSampler(dbPath, plan.walSampleMs);
        if (withReaders) readers = await LiveReaders.start(store);
        startedAt.ms = performance.now();
      },
      after: async () => {
        const seconds = (performance.now() - startedAt.ms) / 1000;
        const reads = await readers?.stop();
        const walSamples = sampler?.stop() ?? [];
        return {
          withReaders,
          walLimitBytes: plan.walLimitBytes,
          walMaxBytes: sampler?.maxBytes ?? 0,
          walSamples,
          ...(reads === undefined
            ? {}
            : {
                readers: reads,
                countQueriesPerSecond: reads.countQueries / seconds,
                pageQueriesPerSecond: reads.pageQueries / seconds,
              }),
        };
      },
    },
    workload.drive,
  );
}
