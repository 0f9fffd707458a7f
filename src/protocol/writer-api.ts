import type { SerializedError } from './serialized-error.ts';
import type { WriteOutcome, WriteRequest } from './write-request.ts';

/** What the writer thread reports once its database is open and migrated. */
export interface OpenReport {
  path: string;
  schemaVersion: number;
  migrationsApplied: number[];
  sqliteVersion: string;
  /** Where a corrupt database was moved before a new one was made. */
  setAside?: string;
  /** The pragmas as the write connection reports them after open. */
  pragmas: {
    journalMode: string;
    synchronous: string;
    busyTimeoutMs: number;
    foreignKeys: boolean;
    journalSizeLimit: number;
    walAutocheckpoint: number;
  };
}

export type CheckpointMode = 'PASSIVE' | 'FULL' | 'RESTART' | 'TRUNCATE';

export interface CheckpointResult {
  busy: boolean;
  walFrames: number;
  checkpointedFrames: number;
}

export type Result<T> =
  { ok: true; value: T } | { ok: false; error: SerializedError };

/**
 * The writer thread's RPC surface, exposed through comlink. Methods answer
 * with result envelopes instead of throwing: a thrown error would lose its
 * code on the way back (comlink keeps only name, message and stack).
 */
export interface WriterApi {
  ready(): Promise<Result<OpenReport>>;
  submit(requests: WriteRequest[]): Promise<WriteOutcome[]>;
  checkpoint(mode: CheckpointMode): Promise<Result<CheckpointResult>>;
  close(): Promise<Result<void>>;
}

/** Settings the writer thread receives as its workerData. */
export interface WriterSettings {
  path: string;
  busyTimeoutMs: number;
  synchronous: 'NORMAL' | 'FULL';
  walLimitBytes: number;
  maxGroupSize: number;
  migrationsDir: string;
  extraActions: string[];
  integrityCheckMaxBytes: number;
  provenance: {
    schemaVersion: number;
    contentHash: string | null;
    generation: number | null;
    binaryVersion: string | null;
    sidecarInstanceId: string;
    runId: string;
  };
}
