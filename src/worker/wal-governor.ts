import type Database from 'better-sqlite3';

import type {
  CheckpointMode,
  CheckpointResult,
} from '../protocol/writer-api.ts';
import { fileSize } from './database-files.ts';

/**
 * Keeps the `-wal` file bounded while readers run without pause.
 *
 * SQLite's automatic checkpoint is PASSIVE: it copies what it can but never
 * waits, so a reader that is always mid-query stops the WAL from ever being
 * reset and the file grows (to gigabytes in our measurements). When the file
 * passes a quarter of the limit we run a RESTART checkpoint, which waits for the
 * readers of old snapshots to finish (new readers read the database file
 * instead) and lets the next write start the WAL over; TRUNCATE, past half
 * the limit, also gives the disk space back. A group adds its own WAL
 * before the next check, so the limit must be over twice one group's WAL.
 */
export class WalGovernor {
  readonly #db: Database.Database;
  readonly #walPath: string;
  readonly #limitBytes: number;
  readonly #busyTimeoutMs: number;
  /**
   * The file's size when our last RESTART let the WAL start over. SQLite
   * then rewrites the file from its start without shrinking it, so a size
   * at or under this mark says nothing about how much the WAL holds; only
   * growth past it does. Without this mark, every group after the first
   * RESTART ran another one (a checkpoint every 64 rows under 64
   * producers).
   */
  #resetSize = 0;

  constructor(
    db: Database.Database,
    dbPath: string,
    limitBytes: number,
    busyTimeoutMs: number,
  ) {
    this.#db = db;
    this.#walPath = `${dbPath}-wal`;
    this.#limitBytes = limitBytes;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  afterCommit(): void {
    // A stat costs a few microseconds against a COMMIT's hundreds, so
    // every group is checked and the overshoot is at most one group.
    const size = fileSize(this.#walPath);
    // Smaller than the mark: truncated since, so the size is the content.
    if (size < this.#resetSize) this.#resetSize = 0;
    if (size < this.#limitBytes / 4 || size <= this.#resetSize) return;
    try {
      this.#checkpointFor(size);
    } catch {
      // The group has committed and waits for its answers. A checkpoint
      // that fails (SQLITE_FULL when the database file cannot grow, an I/O
      // error) leaves the WAL as it was; it is retried after a later commit.
      // Throwing here would kill the thread and answer committed writes
      // with WORKER_GONE.
    }
  }

  /**
   * Past a quarter of the limit, a RESTART that waits at most 250 ms for
   * readers: writers stall briefly at worst, and a busy result is retried
   * after the next group. Past half, the limit matters more than a stall:
   * TRUNCATE, waiting as long as busy_timeout, so that slow readers on a
   * loaded machine cannot keep the file growing group after group. The
   * other half is room for the one group that commits before the check.
   */
  #checkpointFor(size: number): void {
    if (size >= this.#limitBytes / 2) this.checkpoint('TRUNCATE');
    else this.checkpoint('RESTART', 250);
  }

  /**
   * Runs a checkpoint, waiting at most `waitMs` for readers.
   *
   * The wait is ours, not SQLite's: its busy handler sleeps in steps that
   * grow to 100 ms, and readers querying without pause made each RESTART
   * take about 100 ms when the readers it waited for were done within ten.
   * That was half the writer's time beside two nonstop readers (23
   * checkpoints, 3.0 s of a 6 s run, against 0.55 s alone). Trying again
   * every millisecond ends the wait as soon as they are; a try that finds
   * nothing new to copy costs microseconds, and the frames each try copies
   * stay copied.
   */
  checkpoint(
    mode: CheckpointMode,
    waitMs = this.#busyTimeoutMs,
  ): CheckpointResult {
    const deadline = performance.now() + waitMs;
    this.#db.pragma('busy_timeout = 0');
    try {
      let result = this.#tryCheckpoint(mode);
      while (result.busy && performance.now() < deadline) {
        Atomics.wait(PAUSE, 0, 0, POLL_MS);
        result = this.#tryCheckpoint(mode);
      }
      return result;
    } finally {
      this.#db.pragma(`busy_timeout = ${this.#busyTimeoutMs}`);
    }
  }

  #tryCheckpoint(mode: CheckpointMode): CheckpointResult {
    const [row] = this.#db.pragma(`wal_checkpoint(${mode})`) as {
      busy: number;
      log: number;
      checkpointed: number;
    }[];
    const busy = (row?.busy ?? 0) !== 0;
    if (!busy && (mode === 'RESTART' || mode === 'TRUNCATE')) {
      this.#resetSize = fileSize(this.#walPath);
    }
    return {
      busy,
      walFrames: row?.log ?? 0,
      checkpointedFrames: row?.checkpointed ?? 0,
    };
  }
}

/** How long the writer sleeps between two checkpoint tries. */
const POLL_MS = 1;

/** Never notified: `Atomics.wait` on it is a plain sleep of the thread. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));
