import type { AuditReader } from '../main/audit-reader.ts';
import type { SinkStatusRow } from '../protocol/sink-reads.ts';
import type { ResolvedSinkConfig } from './resolved-sink-config.ts';

/** One sink as the database records it, whether or not it runs now. */
export interface SinkLag extends SinkStatusRow {
  /** Null for a cursor whose sink is no longer configured. */
  kind: string | null;
  enabled: boolean | null;
  /** Events behind the cursor. */
  lag: number;
}

/**
 * Lag, last success and last error of the configured sinks and of every
 * sink with a cursor, read from the database alone: it works while a
 * gateway delivers, and when none runs.
 */
export async function readSinkLag(
  reader: Pick<AuditReader, 'read'>,
  configs: readonly ResolvedSinkConfig[],
): Promise<SinkLag[]> {
  const rows = await reader.read<SinkStatusRow[]>({
    kind: 'sink-status',
    sinkNames: configs.map((config) => config.name),
  });
  return rows.map((row) => {
    const config = configs.find((c) => c.name === row.sinkName);
    return {
      ...row,
      kind: config?.kind ?? null,
      enabled: config?.enabled ?? null,
      lag: Math.max(0, row.maxRowid - (row.position ?? 0)),
    };
  });
}
