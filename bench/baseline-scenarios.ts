import { setImmediate as nextTurn } from 'node:timers/promises';

import { BaselineWriter } from './baseline-writer.ts';
import { countRows, type BenchWorkspace } from './bench-workspace.ts';
import { EventFactory } from './event-factory.ts';
import { Measurement } from './measurement.ts';
import type { ScenarioResult } from './scenario-result.ts';
import { scenarioResult, type ScenarioSpec } from './scenario-spec.ts';
import type { Synchronous } from './store-pragmas.ts';

type BaselineBody = (
  writer: BaselineWriter,
  factory: EventFactory,
  measurement: Measurement,
) => Promise<void>;

/**
 * One autocommit INSERT per event on the main thread: what most code does,
 * and what the original store did. Each insert runs in its own turn of the
 * event loop, as it would inside a request handler.
 */
export function autocommitBaseline(
  workspace: BenchWorkspace,
  synchronous: Synchronous,
  events: number,
): Promise<ScenarioResult> {
  const spec: ScenarioSpec = {
    id: `baseline.autocommit.${synchronous}`,
    group: 'baseline',
    label: 'main thread, autocommit per row',
    synchronous,
  };
  return runBaseline(workspace, spec, async (writer, factory, m) => {
    for (let i = 0; i < events; i++) {
      const event = factory.next();
      const started = performance.now();
      writer.insertOne(event);
      m.committed(performance.now() - started);
      await nextTurn();
    }
  });
}

/**
 * The same rows in transactions of `size` on the main thread: the most
 * this machine's SQLite does, and the loop stays blocked for each whole
 * transaction. A row's latency runs from its creation to its COMMIT.
 */
export function transactionBaseline(
  workspace: BenchWorkspace,
  synchronous: Synchronous,
  events: number,
  size: number,
): Promise<ScenarioResult> {
  const spec: ScenarioSpec = {
    id: `baseline.transactions.${synchronous}`,
    group: 'baseline',
    label: `main thread, ${size.toLocaleString('en-US')}-row transactions`,
    synchronous,
  };
  return runBaseline(workspace, spec, inTransactions(events, size));
}

export function inTransactions(events: number, size: number): BaselineBody {
  const created = new Float64Array(size);
  return async (writer, factory, m) => {
    for (let done = 0; done < events; done += size) {
      const count = Math.min(size, events - done);
      const batch = new Array(count);
      for (let i = 0; i < count; i++) {
        created[i] = performance.now();
        batch[i] = factory.next();
      }
      writer.insertMany(batch);
      const committedAt = performance.now();
      for (let i = 0; i < count; i++) {
        m.committed(committedAt - (created[i] as number));
      }
      await nextTurn();
    }
  };
}

/** Runs `body` on a new database with plain better-sqlite3. */
export async function runBaseline(
  workspace: BenchWorkspace,
  spec: ScenarioSpec,
  body: BaselineBody,
  measurement = new Measurement(),
): Promise<ScenarioResult> {
  const dbPath = await workspace.freshDatabase(spec.id);
  const before = countRows(dbPath);
  const writer = new BaselineWriter(dbPath, spec.synchronous);

  measurement.start();
  await body(writer, new EventFactory(), measurement);
  const figures = measurement.stop();

  writer.close();
  const after = countRows(dbPath);
  workspace.discard(dbPath);
  return scenarioResult(spec, figures, { before, after });
}
