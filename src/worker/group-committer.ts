import type Database from 'better-sqlite3';

import { serializeError, toAuditError } from '../protocol/serialized-error.ts';
import type { ErrorCode } from '../protocol/error-code.ts';
import type { WriteOutcome, WriteRequest } from '../protocol/write-request.ts';
import type { PreparedWrite } from './write-handlers.ts';

interface PendingCall {
  requests: WriteRequest[];
  resolve(outcomes: WriteOutcome[]): void;
}

interface Slot {
  outcome?: WriteOutcome;
  write?: PreparedWrite;
}

export interface GroupCommitterOptions {
  db: Database.Database;
  /** Validates a request and returns its statements, or throws. */
  prepare(request: WriteRequest): PreparedWrite;
  /**
   * Stamps the clock once per group, before anything is prepared. When it
   * throws, every request of the group is refused with that error.
   */
  beginGroup(): void;
  /** Runs after every group that committed (the WAL governor). */
  afterCommit(): void;
  maxGroupSize: number;
}

/**
 * Commits every request that arrived while the previous transaction ran in
 * one BEGIN IMMEDIATE transaction, and answers each call only after that
 * COMMIT returned. IMMEDIATE takes the write lock up front, so another
 * process holding it makes us wait in busy_timeout rather than fail with
 * SQLITE_BUSY halfway through.
 */
export class GroupCommitter {
  readonly #options: GroupCommitterOptions;
  readonly #begin: Database.Statement;
  readonly #commit: Database.Statement;
  #queue: PendingCall[] = [];
  #scheduled = false;

  constructor(options: GroupCommitterOptions) {
    this.#options = options;
    this.#begin = options.db.prepare('BEGIN IMMEDIATE');
    this.#commit = options.db.prepare('COMMIT');
  }

  submit(requests: WriteRequest[]): Promise<WriteOutcome[]> {
    return new Promise((resolve) => {
      this.#queue.push({ requests, resolve });
      this.#schedule();
    });
  }

  /** Commits everything queued now; used on close. */
  drain(): void {
    while (this.#queue.length > 0) this.#flush();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // setImmediate runs after the messages already waiting on the port have
    // been delivered, so everything that arrived during the last COMMIT
    // joins the next group.
    setImmediate(() => {
      this.#scheduled = false;
      this.#flush();
      if (this.#queue.length > 0) this.#schedule();
    });
  }

  #flush(): void {
    const calls = this.#takeGroup();
    if (calls.length === 0) return;

    try {
      this.#options.beginGroup();
    } catch (error) {
      const refused = calls.flatMap((call) =>
        call.requests.map(() => ({ outcome: failure(error) })),
      );
      this.#answer(calls, refused);
      return;
    }
    const slots = calls.flatMap((call) =>
      call.requests.map((r) => this.#slot(r)),
    );
    this.#commitGroup(slots);
    this.#answer(calls, slots);
  }

  #takeGroup(): PendingCall[] {
    let size = 0;
    let count = 0;
    while (count < this.#queue.length && size < this.#options.maxGroupSize) {
      size += (this.#queue[count] as PendingCall).requests.length;
      count++;
    }
    return this.#queue.splice(0, count);
  }

  #slot(request: WriteRequest): Slot {
    try {
      return { write: this.#options.prepare(request) };
    } catch (error) {
      return { outcome: failure(error) };
    }
  }

  #commitGroup(slots: Slot[]): void {
    const writes = slots.filter((slot) => slot.write !== undefined);
    if (writes.length === 0) return;

    try {
      this.#inTransaction(() => {
        for (const slot of writes)
          slot.outcome = succeed(slot.write as PreparedWrite);
      });
    } catch (error) {
      if (failsWholeGroup(error)) {
        for (const slot of writes) slot.outcome = failure(error);
        return;
      }
      this.#commitOneByOne(writes);
    }
    this.#options.afterCommit();
  }

  /**
   * The slow path after one request's statements failed: redo the group
   * with a savepoint around each request, so the bad one is rolled back
   * alone and its neighbours still commit.
   */
  #commitOneByOne(writes: Slot[]): void {
    const { db } = this.#options;
    try {
      this.#inTransaction(() => {
        for (const slot of writes) {
          db.exec('SAVEPOINT item');
          try {
            slot.outcome = succeed(slot.write as PreparedWrite);
            db.exec('RELEASE item');
          } catch (error) {
            db.exec('ROLLBACK TO item');
            db.exec('RELEASE item');
            slot.outcome = failure(error);
          }
        }
      });
    } catch (error) {
      for (const slot of writes) slot.outcome = failure(error);
    }
  }

  #inTransaction(work: () => void): void {
    this.#begin.run();
    try {
      work();
      this.#commit.run();
    } catch (error) {
      if (this.#options.db.inTransaction) this.#options.db.exec('ROLLBACK');
      throw error;
    }
  }

  #answer(calls: PendingCall[], slots: Slot[]): void {
    let next = 0;
    for (const call of calls) {
      const outcomes = slots
        .slice(next, next + call.requests.length)
        .map((slot) => slot.outcome as WriteOutcome);
      next += call.requests.length;
      call.resolve(outcomes);
    }
  }
}

function succeed(write: PreparedWrite): WriteOutcome {
  return { ok: true, value: write() };
}

function failure(error: unknown): WriteOutcome {
  return { ok: false, error: serializeError(error) };
}

/**
 * Busy, disk-full, I/O and read-only errors are the database's, not one
 * request's: retrying request by request would only fail again, slower.
 * Anything else (a constraint, say) came from one request's statements.
 */
function failsWholeGroup(error: unknown): boolean {
  const { code } = toAuditError(error);
  return GROUP_FAILURES.has(code);
}

const GROUP_FAILURES = new Set<ErrorCode>([
  'BUSY',
  'DISK_FULL',
  'IO',
  'READ_ONLY',
  'CORRUPT',
]);
