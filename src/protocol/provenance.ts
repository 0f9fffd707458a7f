/**
 * Who wrote a row: the gateway's build and the configuration it ran with.
 * Fields left out fall back to `AuditStoreConfig.provenance`.
 */
export interface Provenance {
  /** The event envelope version (7 in the original), not a migration. */
  schemaVersion?: number;
  /** sha256 hex of the configuration the gateway was running with. */
  contentHash?: string;
  /** The configuration generation counter. */
  generation?: number;
  binaryVersion?: string;
  /** One UUID per gateway process; the store makes one when absent. */
  sidecarInstanceId?: string;
}

/** Correlation ids shared by most tables. */
export interface Correlation {
  runId?: string;
  requestId?: string;
  sessionId?: string;
  traceId?: string;
}
