import { setTimeout as sleep } from 'node:timers/promises';

import { BaselineWriter } from './baseline-writer.ts';
import { EventFactory } from './event-factory.ts';

/** What the parent asks of the contending process. */
export interface ContenderSettings {
  dbPath: string;
  /** How long each transaction holds the write lock. */
  holdMs: number;
  /** Share of wall time spent holding the lock, 0 to 1. */
  dutyCycle: number;
  rowsPerTransaction: number;
}

/** What it reports back when told to stop. */
export interface ContenderReport {
  transactions: number;
  rows: number;
  heldMs: number;
  waitedMs: number;
  seconds: number;
  errors: number;
}

/**
 * A second process writing to the same database: its own connection,
 * BEGIN IMMEDIATE transactions that keep the write lock for `holdMs`, then
 * idle so that the lock is held `dutyCycle` of the time. It waits for the
 * lock itself with a long busy_timeout, so it never gives up its share.
 *
 * Run as a child process; talks over the IPC channel: the parent sends the
 * settings, this answers `ready`, then runs until it receives `stop`.
 */
async function contend(settings: ContenderSettings): Promise<ContenderReport> {
  const writer = new BaselineWriter(settings.dbPath, 'NORMAL', 60_000);
  const factory = new EventFactory();
  const idleMs =
    (settings.holdMs * (1 - settings.dutyCycle)) / settings.dutyCycle;
  const report = {
    transactions: 0,
    rows: 0,
    heldMs: 0,
    waitedMs: 0,
    errors: 0,
  };
  const started = performance.now();

  while (!stopRequested) {
    const events = factory.batch(settings.rowsPerTransaction);
    const asked = performance.now();
    let locked = asked;
    try {
      writer.transaction(() => {
        locked = performance.now();
        for (const event of events) writer.insertOne(event);
        holdUntil(locked + settings.holdMs);
      });
      report.transactions++;
      report.rows += events.length;
      report.heldMs += performance.now() - locked;
      report.waitedMs += locked - asked;
    } catch {
      report.errors++;
    }
    await sleep(idleMs);
  }

  writer.close();
  return { ...report, seconds: (performance.now() - started) / 1000 };
}

/** Keeps the lock by blocking this process, as a long transaction would. */
function holdUntil(deadline: number): void {
  const rest = deadline - performance.now();
  if (rest > 0)
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, rest);
}

let stopRequested = false;

process.on('message', (message: unknown) => {
  if (message === 'stop') {
    stopRequested = true;
    return;
  }
  process.send?.('ready');
  contend(message as ContenderSettings).then(
    (report) => process.send?.({ report }, () => process.exit(0)),
    (error: unknown) => {
      process.send?.({ error: String(error) }, () => process.exit(1));
    },
  );
});
