import pg from 'pg';

import type { AuditEventRecord } from '../protocol/audit-event.ts';
import { canonicalToRfc3339 } from '../worker/canonical-timestamp.ts';
import { eventColumns } from './event-columns.ts';
import { postgresFailure } from './postgres-failure.ts';
import { insertStatement, schemaStatements } from './postgres-schema.ts';
import type { ResolvedFor } from './resolved-sink-config.ts';
import type { DeliveryResult, Sink } from './sink.ts';
import { readSecret } from './sink-secrets.ts';

/**
 * A central PostgreSQL holding the audit events of a fleet of gateways.
 * Each batch is one INSERT that skips ids already present, so a batch sent
 * again after a crash or a timeout changes nothing: the cursor's
 * at-least-once becomes exactly-once in the central table.
 */
export class PostgresSink implements Sink {
  readonly kind = 'postgres';
  readonly #config: ResolvedFor<'postgres'>;
  readonly #pool: pg.Pool;
  readonly #insert: string;
  #schemaReady = false;

  constructor(
    config: ResolvedFor<'postgres'>,
    env = process.env,
    onIdleError?: (error: Error) => void,
  ) {
    this.#config = config;
    this.#insert = insertStatement(config.table);
    this.#pool = new pg.Pool({
      connectionString: connectionString(config, env),
      max: 1,
      connectionTimeoutMillis: config.timeoutMs,
      query_timeout: config.timeoutMs,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
      application_name: 'defenseclaw-audit',
    });
    // An idle connection the server drops emits 'error' on the pool; left
    // unhandled it would crash the embedding process.
    this.#pool.on('error', (error) => onIdleError?.(error));
  }

  async send(events: readonly AuditEventRecord[]): Promise<DeliveryResult> {
    try {
      await this.#ensureSchema();
      await this.#pool.query(this.#insert, [this.#rowsJson(events)]);
      return { accepted: true, rejected: 0 };
    } catch (error) {
      return postgresFailure(error);
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  /**
   * Gateways starting together would race on CREATE TABLE IF NOT EXISTS,
   * which can still fail on the catalog's unique index; an advisory lock
   * taken for the transaction makes them take turns.
   */
  async #ensureSchema(): Promise<void> {
    if (this.#schemaReady) return;
    const client = await this.#pool.connect();
    let failure: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `defenseclaw-audit:${this.#config.table}`,
      ]);
      for (const statement of schemaStatements(this.#config.table)) {
        await client.query(statement);
      }
      await client.query('COMMIT');
      this.#schemaReady = true;
    } catch (error) {
      failure = error as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // Passing the error drops a connection that may be broken.
      client.release(failure);
    }
  }

  /**
   * PostgreSQL text cannot hold NUL, and one such character would refuse
   * the whole batch forever; it becomes U+FFFD instead.
   */
  #rowsJson(events: readonly AuditEventRecord[]): string {
    const rows = events.map((event) => ({
      ...eventColumns(event),
      gateway_id: this.#config.gatewayId,
      timestamp: canonicalToRfc3339(event.timestamp),
      structured_json: event.structured,
      enforced: event.enforced === true ? 1 : null,
    }));
    return JSON.stringify(rows, (_key, value: unknown) =>
      typeof value === 'string' ? value.replaceAll('\0', '\uFFFD') : value,
    );
  }
}

/**
 * pg lets the fields of a connection string override a separate
 * `password` option, so the password from the environment goes into the
 * URL itself.
 */
function connectionString(
  config: ResolvedFor<'postgres'>,
  env: NodeJS.ProcessEnv,
): string {
  const text = config.url ?? readSecret(config.name, config.urlEnv ?? '', env);
  if (config.passwordEnv === undefined) return text;

  const url = new URL(text);
  url.password = readSecret(config.name, config.passwordEnv, env);
  return url.toString();
}
