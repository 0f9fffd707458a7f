import type { Correlation, Provenance } from './provenance.ts';
import type { Severity } from './severity.ts';
import type {
  JsonValue,
  StoredRecord,
  TimestampInput,
} from './timestamp-input.ts';

/** One finding of a scan; stored in `findings` and `scan_findings`. */
export interface FindingInput extends Correlation {
  id?: string;
  severity: Severity | Lowercase<Severity>;
  title: string;
  /** The scan's scanner when absent. */
  scanner?: string;
  /** The scan's target when absent. */
  target?: string;
  description?: string;
  location?: string;
  remediation?: string;
  tags?: string[];
  ruleId?: string;
  category?: string;
  lineNumber?: number;
  confidence?: number;
}

/** A scan run with its findings, written in one transaction. */
export interface ScanResultInput extends Correlation, Provenance {
  id?: string;
  scanner: string;
  target: string;
  timestamp?: TimestampInput;
  durationMs?: number;
  /** Computed from `findings` when absent. */
  maxSeverity?: Severity | Lowercase<Severity>;
  raw?: JsonValue;
  verdict?: string;
  exitCode?: number;
  error?: string;
  evaluationId?: string;
  findings?: FindingInput[];
}

export type FindingRecord = StoredRecord<Omit<FindingInput, 'severity'>> & {
  severity: Severity;
  scanId: string;
  timestamp: string;
};

export type ScanResultRecord = StoredRecord<
  Omit<ScanResultInput, 'timestamp' | 'findings' | 'maxSeverity'>
> & {
  timestamp: string;
  maxSeverity: Severity | null;
  findingCount: number;
  findings: FindingRecord[];
};
