import { Worker } from 'node:worker_threads';

import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

import { AuditError } from '../protocol/audit-error.ts';
import { deserializeError } from '../protocol/serialized-error.ts';
import type { WriteOutcome, WriteRequest } from '../protocol/write-request.ts';
import type {
  CheckpointMode,
  CheckpointResult,
  OpenReport,
  Result,
  WriterApi,
  WriterSettings,
} from '../protocol/writer-api.ts';
import { moduleFile, workerExecArgv } from './module-file.ts';
import { PostCheckedEndpoint } from './post-checked-endpoint.ts';
import { isCloneError, uncloneableInput } from './uncloneable-input.ts';
import { WriteSemaphore } from './write-semaphore.ts';

interface Waiter {
  resolve(value: unknown): void;
  reject(error: AuditError): void;
}

export interface WriteOptions {
  /** When false, a full queue fails at once with QUEUE_FULL. Default true. */
  wait?: boolean;
}

/**
 * Rows one message carries before it is sent at once, without waiting for
 * the end of the turn. It bounds the cost of one clone, and it lets the
 * writer start on a large batch while the caller builds the next: two
 * `recordEvents` calls made in one turn would otherwise travel, commit
 * and come back together, so the caller and the writer took turns
 * instead of working side by side.
 */
const MAX_MESSAGE_ROWS = 512;

/**
 * Rows after which a message leaves at once when the writer has nothing to
 * do. Awaiting callers move in step: an answer wakes them all in one turn,
 * and their next writes used to leave together at the end of it, so the
 * writer sat idle while the caller built the batch and the caller while
 * the writer committed it. Sending the first rows early starts the writer
 * on them; the rest of the turn's writes follow as a second message and
 * commit while the first group's callers work. 64 awaiting producers then
 * settle into two groups of 32 that alternate, and the writer thread
 * waited for work 21-25% of the time instead of 44%.
 */
const IDLE_WRITER_ROWS = 32;

/**
 * The caller's end of the writer thread. Requests made in the same turn of
 * the event loop travel in one comlink call and come back in one answer:
 * comlink's per-call cost (~10 us, a message each way) would otherwise cap
 * throughput well below what SQLite can commit.
 *
 * comlink leaves calls pending forever when the worker dies; this class
 * tracks every call and rejects them all with WORKER_GONE on exit.
 */
export class WriterClient {
  readonly #worker: Worker;
  readonly #endpoint: PostCheckedEndpoint;
  readonly #remote: Comlink.Remote<WriterApi>;
  readonly #slots: WriteSemaphore;
  readonly #inFlight = new Set<(error: AuditError) => void>();
  /** Messages posted and not yet answered: none means the writer is idle. */
  readonly #submissions = new Set<Promise<void>>();
  #requests: WriteRequest[] = [];
  #waiters: Waiter[] = [];
  #batchRows = 0;
  #flushQueued = false;
  #failure: AuditError | undefined;
  #closing = false;

  private constructor(settings: WriterSettings, maxPendingWrites: number) {
    this.#slots = new WriteSemaphore(maxPendingWrites);
    this.#worker = new Worker(moduleFile('../worker/writer-thread'), {
      workerData: settings,
      name: 'defenseclaw-audit-writer',
      execArgv: workerExecArgv(),
    });
    this.#endpoint = new PostCheckedEndpoint(nodeEndpoint(this.#worker));
    this.#remote = Comlink.wrap<WriterApi>(this.#endpoint);
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) =>
      this.#fail(new Error(`exit code ${code}`)),
    );
  }

  /** Starts the writer thread and waits until it has opened and migrated. */
  static async start(
    settings: WriterSettings,
    maxPendingWrites: number,
  ): Promise<{ client: WriterClient; report: OpenReport }> {
    const client = new WriterClient(settings, maxPendingWrites);
    try {
      const report = unwrap(
        await client.#track<Result<OpenReport>>(client.#remote.ready()),
      );
      return { client, report };
    } catch (error) {
      await client.#worker.terminate();
      throw error;
    }
  }

  /**
   * Not an async function: a free slot, the common case, queues the write
   * without the extra promise and microtasks an async wrapper costs. Each
   * of a fire-hose's pending writes is live until its commit, and every
   * object it holds is copied by the caller's next scavenge.
   */
  write(request: WriteRequest, options?: WriteOptions): Promise<unknown> {
    const unusable = this.#unusable();
    if (unusable !== undefined) return Promise.reject(unusable);
    if (this.#slots.tryAcquire()) return this.#enqueue(request);
    if (options?.wait === false) {
      return Promise.reject(
        new AuditError(
          'QUEUE_FULL',
          'the write queue is full; retry later or call without { wait: false }',
        ),
      );
    }
    return this.#slots.acquire().then(() => {
      this.#throwIfUnusable();
      return this.#enqueue(request);
    });
  }

  async checkpoint(mode: CheckpointMode): Promise<CheckpointResult> {
    this.#throwIfUnusable();
    return unwrap(
      await this.#track<Result<CheckpointResult>>(
        this.#remote.checkpoint(mode),
      ),
    );
  }

  /** Sends what is queued, waits for every answer, then stops the thread. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#flush();
    this.#closing = true;
    // Every submission must be answered before the thread is told to close:
    // the answer to `close` can overtake answers still on their way, and
    // the thread is gone once it arrives.
    await Promise.all(this.#submissions);
    try {
      if (this.#failure === undefined) {
        unwrap(await this.#track<Result<void>>(this.#remote.close()));
      }
    } finally {
      this.#remote[Comlink.releaseProxy]();
      await this.#worker.terminate();
    }
  }

  /**
   * Stops the writer thread abruptly, as a crash would, without draining.
   * @internal for tests of what callers see when the thread dies.
   */
  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }

  /** Number of writes accepted but not yet answered. */
  get pendingWrites(): number {
    return this.#slots.inUse;
  }

  #enqueue(request: WriteRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#requests.push(request);
      this.#waiters.push({ resolve, reject });
      this.#batchRows += rowCount(request);
      if (this.#batchRows >= this.#flushAt()) this.#flush();
      else this.#queueFlush();
    });
  }

  #flushAt(): number {
    return this.#submissions.size === 0 ? IDLE_WRITER_ROWS : MAX_MESSAGE_ROWS;
  }

  #queueFlush(): void {
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    queueMicrotask(() => {
      this.#flushQueued = false;
      this.#flush();
    });
  }

  #flush(): void {
    if (this.#requests.length === 0) return;
    const requests = this.#requests;
    const waiters = this.#waiters;
    this.#requests = [];
    this.#waiters = [];
    this.#batchRows = 0;
    this.#send(requests, waiters);
  }

  /**
   * Posts one message and keeps only the callers' callbacks: once the
   * message holds its copy, the rows are garbage. A fire-hose keeps tens of
   * thousands of writes unanswered; holding their rows until the commit
   * made every young-generation GC copy them, pausing the caller's thread
   * for 5 to 15 ms at a time.
   */
  #send(requests: WriteRequest[], waiters: Waiter[]): void {
    const call = this.#track(this.#remote.submit(requests));
    const failure = this.#endpoint.takeFailure();
    if (failure !== undefined) {
      call.catch(() => undefined);
      this.#refuse(requests, waiters, failure.error);
      return;
    }
    // Removed before the callers run, not after: the writes they make on
    // waking must see an idle writer (see IDLE_WRITER_ROWS).
    const answered = () => this.#submissions.delete(submission);
    const submission = call.then(
      (outcomes) => {
        answered();
        this.#settle(waiters, outcomes);
      },
      (error: unknown) => {
        answered();
        this.#settleAll(waiters, error as AuditError);
      },
    );
    this.#submissions.add(submission);
  }

  /**
   * One request holding a value structured clone cannot copy makes
   * postMessage throw for the whole message. Each request is then sent
   * alone, so only that one fails, with INVALID_INPUT naming the field.
   */
  #refuse(requests: WriteRequest[], waiters: Waiter[], error: unknown): void {
    const [only] = requests;
    if (!isCloneError(error)) this.#settleAll(waiters, error as AuditError);
    else if (requests.length > 1) {
      requests.forEach((request, i) =>
        this.#send([request], [waiters[i] as Waiter]),
      );
    } else if (only !== undefined) {
      this.#settleAll(waiters, uncloneableInput(only));
    }
  }

  #settle(waiters: Waiter[], outcomes: WriteOutcome[]): void {
    this.#slots.release(waiters.length);
    waiters.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) item.reject(workerGone('no answer'));
      else if (outcome.ok) item.resolve(outcome.value);
      else item.reject(deserializeError(outcome.error));
    });
  }

  #settleAll(waiters: Waiter[], error: AuditError): void {
    this.#slots.release(waiters.length);
    for (const item of waiters) item.reject(error);
  }

  /** Races a comlink call against the death of the worker. */
  #track<T>(call: Promise<T>): Promise<T> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise<T>((resolve, reject) => {
      const onFailure = (error: AuditError) => reject(error);
      this.#inFlight.add(onFailure);
      call.then(
        (value) => {
          this.#inFlight.delete(onFailure);
          resolve(value);
        },
        (error: unknown) => {
          this.#inFlight.delete(onFailure);
          reject(error);
        },
      );
    });
  }

  #fail(cause: unknown): void {
    if (this.#failure !== undefined) return;
    this.#failure = this.#closing
      ? new AuditError('CLOSED', 'the audit store is closed')
      : workerGone(cause);
    for (const reject of this.#inFlight) reject(this.#failure);
    this.#inFlight.clear();
    this.#settleAll(this.#waiters, this.#failure);
    this.#requests = [];
    this.#waiters = [];
    this.#batchRows = 0;
    this.#slots.cancelWaiters();
  }

  #throwIfUnusable(): void {
    const unusable = this.#unusable();
    if (unusable !== undefined) throw unusable;
  }

  #unusable(): AuditError | undefined {
    if (this.#failure !== undefined) return this.#failure;
    if (this.#closing) {
      return new AuditError('CLOSED', 'the audit store is closed');
    }
    return undefined;
  }
}

/** Raw requests reach here unchecked (null, say); the writer refuses them. */
function rowCount(request: WriteRequest): number {
  const raw = request as Partial<WriteRequest> | null;
  return raw?.op === 'audit-events' && Array.isArray(raw.input)
    ? raw.input.length
    : 1;
}

function workerGone(cause: unknown): AuditError {
  return new AuditError(
    'WORKER_GONE',
    'the writer thread stopped; writes not yet acknowledged may or may not ' +
      'have been committed (retry them: ids make a retry harmless)',
    { cause },
  );
}

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw deserializeError(result.error);
}
