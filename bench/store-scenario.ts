import {
  openAuditStore,
  type AuditStore,
  type AuditStoreConfig,
} from '../src/index.ts';
import { countRows, type BenchWorkspace } from './bench-workspace.ts';
import { EventFactory } from './event-factory.ts';
import { Measurement } from './measurement.ts';
import type { ScenarioResult } from './scenario-result.ts';
import { scenarioResult, type ScenarioSpec } from './scenario-spec.ts';
import type { DriverContext } from './store-drivers.ts';
import { WorkBudget } from './work-budget.ts';

export interface StoreRun {
  workspace: BenchWorkspace;
  spec: ScenarioSpec;
  budget: { events?: number; seconds?: number };
  /** Anything beyond path and synchronous (busy timeout, WAL limit). */
  config?: AuditStoreConfig;
  /** Starts side work (a contender, readers) just before the clock. */
  before?: (store: AuditStore, dbPath: string) => Promise<void>;
  /** Stops it once the driver is done; returns figures for `extra`. */
  after?: () => Promise<Record<string, unknown>>;
  /** A Measurement subclass that also tracks progress (growth). */
  measurement?: Measurement;
}

/**
 * Runs one driver against a freshly opened store on a new database. Opening
 * and closing (with its final checkpoint) stay outside the clock: what is
 * timed is calls until their commits were acknowledged.
 */
export async function runStoreScenario(
  run: StoreRun,
  drive: (ctx: DriverContext) => Promise<void>,
): Promise<ScenarioResult> {
  const dbPath = await run.workspace.freshDatabase(run.spec.id);
  const before = countRows(dbPath);
  const store = await openAuditStore({
    ...run.config,
    path: dbPath,
    synchronous: run.spec.synchronous,
  });
  const measurement = run.measurement ?? new Measurement();
  const factory = new EventFactory();

  await run.before?.(store, dbPath);
  measurement.start();
  await drive({
    store,
    factory,
    measurement,
    budget: new WorkBudget(run.budget),
  });
  const figures = measurement.stop();
  const extra = await run.after?.();

  await store.close();
  const after = countRows(dbPath);
  run.workspace.discard(dbPath);
  return scenarioResult(run.spec, figures, { before, after }, extra);
}
