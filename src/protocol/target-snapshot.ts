import type { StoredRecord, TimestampInput } from './timestamp-input.ts';

/**
 * A drift baseline. Writing a snapshot for a (targetType, targetPath) that
 * already has one replaces it.
 */
export interface TargetSnapshotInput {
  id?: string;
  targetType: string;
  targetPath: string;
  contentHash: string;
  dependencyHashes?: Record<string, string>;
  configHashes?: Record<string, string>;
  networkEndpoints?: string[];
  scanId?: string;
  capturedAt?: TimestampInput;
  scannerFingerprint?: string;
}

export type TargetSnapshotRecord = StoredRecord<
  Omit<TargetSnapshotInput, 'capturedAt'>
> & { capturedAt: string };
