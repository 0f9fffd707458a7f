import { Piscina } from 'piscina';

import type { ReadQuery, ReadTask } from '../protocol/read-query.ts';
import { toAuditError } from '../protocol/serialized-error.ts';
import type { Result } from '../protocol/writer-api.ts';
import { moduleFile, workerExecArgv } from './module-file.ts';
import { unwrap } from './writer-client.ts';

/**
 * Reads run on a piscina pool of read-only connections. On two cores this
 * buys a free main thread rather than speed: cloning rows back costs about
 * as much as the query.
 */
export class ReaderPool {
  readonly #pool: Piscina<ReadTask, Result<unknown>>;
  readonly #dbPath: string;
  readonly #busyTimeoutMs: number;

  /**
   * `niceIncrement` lowers the pool threads' scheduling priority (Linux
   * applies nice per thread). A store's pool shares the process with the
   * writer: on two cores, two readers querying without pause took up to
   * two thirds of the writer's throughput at equal priority.
   */
  constructor(
    dbPath: string,
    busyTimeoutMs: number,
    threads: number,
    niceIncrement = 0,
  ) {
    this.#dbPath = dbPath;
    this.#busyTimeoutMs = busyTimeoutMs;
    this.#pool = new Piscina({
      filename: moduleFile('../worker/read-task'),
      minThreads: 1,
      maxThreads: threads,
      idleTimeout: 30_000,
      name: 'default',
      execArgv: workerExecArgv(),
      niceIncrement,
    });
  }

  async run<T>(query: ReadQuery): Promise<T> {
    let result: Result<unknown>;
    try {
      result = await this.#pool.run({
        dbPath: this.#dbPath,
        busyTimeoutMs: this.#busyTimeoutMs,
        query,
      });
    } catch (error) {
      throw toAuditError(error);
    }
    return unwrap(result) as T;
  }

  /**
   * Resolves once a pool thread has booted and opened its connection, by
   * running the cheapest query there is.
   */
  async ready(): Promise<void> {
    await this.run({ kind: 'max-event-rowid' });
  }

  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}
