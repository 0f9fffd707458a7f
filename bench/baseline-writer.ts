import Database from 'better-sqlite3';

import type { AuditEventInput } from '../src/index.ts';
import { storePragmas, type Synchronous } from './store-pragmas.ts';

const COLUMNS = [
  'id',
  'timestamp',
  'action',
  'target',
  'actor',
  'details',
  'structured_json',
  'severity',
  'run_id',
  'request_id',
  'session_id',
  'trace_id',
  'span_id',
  'agent_id',
  'agent_name',
  'agent_instance_id',
  'policy_id',
  'destination_app',
  'tool_name',
  'tool_id',
  'connector',
  'step_idx',
  'enforced',
  'rule_pack_dir',
  'schema_version',
  'content_hash',
  'generation',
  'binary_version',
  'sidecar_instance_id',
] as const;

type Row = (string | number | null)[];

/**
 * Plain better-sqlite3 on the calling thread, as most code writes to
 * SQLite: the same table, the same row, the same pragmas as the store, and
 * none of its validation. It is what the store is measured against.
 */
export class BaselineWriter {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement<Row>;
  readonly #begin: Database.Statement;
  readonly #commit: Database.Statement;

  constructor(path: string, synchronous: Synchronous, busyTimeoutMs = 5000) {
    this.#db = new Database(path, { fileMustExist: true });
    for (const pragma of storePragmas(synchronous, busyTimeoutMs)) {
      this.#db.pragma(pragma);
    }
    this.#insert = this.#db.prepare<Row>(
      `INSERT INTO audit_events (${COLUMNS.join(', ')}) ` +
        `VALUES (${COLUMNS.map(() => '?').join(', ')})`,
    );
    this.#begin = this.#db.prepare('BEGIN IMMEDIATE');
    this.#commit = this.#db.prepare('COMMIT');
  }

  /** One event; outside `transaction`, one autocommit transaction. */
  insertOne(event: AuditEventInput): void {
    this.#insert.run(...toRow(event));
  }

  /** Several events in one transaction. */
  insertMany(events: AuditEventInput[]): void {
    this.transaction(() => {
      for (const event of events) this.insertOne(event);
    });
  }

  /** Runs `work` inside BEGIN IMMEDIATE ... COMMIT. */
  transaction(work: () => void): void {
    this.#begin.run();
    try {
      work();
      this.#commit.run();
    } catch (error) {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  close(): void {
    this.#db.close();
  }
}

function toRow(e: AuditEventInput): Row {
  return [
    e.id ?? null,
    sqliteTime(e.timestamp),
    e.action,
    e.target ?? null,
    e.actor ?? 'defenseclaw',
    e.details ?? null,
    e.structured === undefined ? null : JSON.stringify(e.structured),
    e.severity ?? 'INFO',
    e.runId ?? null,
    e.requestId ?? null,
    e.sessionId ?? null,
    e.traceId ?? null,
    e.spanId ?? null,
    e.agentId ?? null,
    e.agentName ?? null,
    e.agentInstanceId ?? null,
    e.policyId ?? null,
    e.destinationApp ?? null,
    e.toolName ?? null,
    e.toolId ?? null,
    e.connector ?? null,
    e.stepIdx ?? null,
    e.enforced === true ? 1 : null,
    e.rulePackDir ?? null,
    e.schemaVersion ?? null,
    e.contentHash ?? null,
    e.generation ?? null,
    e.binaryVersion ?? null,
    e.sidecarInstanceId ?? null,
  ];
}

/** The store's canonical `YYYY-MM-DD HH:MM:SS.SSS` UTC form. */
function sqliteTime(timestamp: AuditEventInput['timestamp']): string {
  const iso = new Date(timestamp ?? Date.now()).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}
