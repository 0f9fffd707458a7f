import { setImmediate as nextTurn } from 'node:timers/promises';

import type { AuditStore } from '../src/index.ts';
import type { EventFactory } from './event-factory.ts';
import type { Measurement } from './measurement.ts';
import type { WorkBudget } from './work-budget.ts';

/** What every driver is given: the store, events, the clock, the budget. */
export interface DriverContext {
  store: AuditStore;
  factory: EventFactory;
  measurement: Measurement;
  budget: WorkBudget;
}

/** One caller awaiting each insert before making the next. */
export async function serialInserts(ctx: DriverContext): Promise<void> {
  while (ctx.budget.take() > 0) await timedInsert(ctx);
}

/** `producers` callers, each awaiting its own insert (a gateway's requests). */
export async function awaitingProducers(
  ctx: DriverContext,
  producers: number,
): Promise<void> {
  const producer = async () => {
    while (ctx.budget.take() > 0) await timedInsert(ctx);
  };
  await Promise.all(Array.from({ length: producers }, producer));
}

/**
 * Inserts nobody awaits, `chunk` per turn of the event loop, as a gateway
 * logging from its request handlers would. The driver stops producing only
 * when `maxOutstanding` calls are unanswered, so the store's own queue and
 * backpressure are what is measured.
 */
export async function fireHose(
  ctx: DriverContext,
  chunk: number,
  maxOutstanding: number,
): Promise<void> {
  const outstanding = new Outstanding();
  let granted: number;
  while ((granted = ctx.budget.take(chunk)) > 0) {
    for (let i = 0; i < granted; i++) {
      outstanding.track(timedInsert(ctx));
    }
    if (outstanding.count >= maxOutstanding) {
      await outstanding.below(maxOutstanding / 2);
    } else {
      await nextTurn();
    }
  }
  await outstanding.below(1);
}

/** `inFlight` callers, each awaiting `recordEvents` of `size` events. */
export async function batchInserts(
  ctx: DriverContext,
  size: number,
  inFlight: number,
): Promise<void> {
  const { budget, factory, measurement, store } = ctx;
  const caller = async () => {
    let count: number;
    while ((count = budget.take(size)) > 0) {
      const events = factory.batch(count);
      const started = performance.now();
      try {
        await store.recordEvents(events);
        measurement.committed(performance.now() - started, count);
      } catch (error) {
        measurement.failed(error, count);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, caller));
}

async function timedInsert(ctx: DriverContext): Promise<void> {
  const { started, answer } = startInsert(ctx);
  try {
    await answer;
    ctx.measurement.committed(performance.now() - started);
  } catch (error) {
    ctx.measurement.failed(error);
  }
}

/**
 * Builds the event and makes the call in a frame of its own, so that
 * nothing in the awaiting caller keeps the event alive while it is in
 * flight: a gateway's handler lets go of it, and so does the bench.
 */
function startInsert(ctx: DriverContext): {
  started: number;
  answer: Promise<string>;
} {
  const event = ctx.factory.next();
  const started = performance.now();
  return { started, answer: ctx.store.recordEvent(event) };
}

/** Counts unsettled promises and wakes a waiter when few enough are left. */
class Outstanding {
  count = 0;
  #waiter: { limit: number; wake(): void } | undefined;

  track(promise: Promise<void>): void {
    this.count++;
    void promise.then(() => {
      this.count--;
      if (this.#waiter !== undefined && this.count < this.#waiter.limit) {
        this.#waiter.wake();
        this.#waiter = undefined;
      }
    });
  }

  below(limit: number): Promise<void> {
    if (this.count < limit) return Promise.resolve();
    return new Promise((wake) => (this.#waiter = { limit, wake }));
  }
}
