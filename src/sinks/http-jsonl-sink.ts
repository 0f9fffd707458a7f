import type { AuditEventRecord } from '../protocol/audit-event.ts';
import { eventEnvelope } from './event-envelope.ts';
import { httpPost } from './http-post.ts';
import type { ResolvedFor } from './resolved-sink-config.ts';
import type { DeliveryResult, Sink } from './sink.ts';
import { readSecret } from './sink-secrets.ts';

/** NDJSON POSTed to a URL: one event envelope per line. */
export class HttpJsonlSink implements Sink {
  readonly kind = 'http_jsonl';
  readonly #config: ResolvedFor<'http_jsonl'>;
  readonly #headers: Record<string, string>;

  constructor(config: ResolvedFor<'http_jsonl'>, env = process.env) {
    this.#config = config;
    this.#headers = { 'content-type': 'application/x-ndjson' };
    if (config.bearerEnv !== undefined) {
      const token = readSecret(config.name, config.bearerEnv, env);
      this.#headers['authorization'] = `Bearer ${token}`;
    }
  }

  async send(events: readonly AuditEventRecord[]): Promise<DeliveryResult> {
    const body = events
      .map((event) => `${JSON.stringify(eventEnvelope(event))}\n`)
      .join('');
    const answer = await httpPost({
      url: this.#config.url,
      headers: this.#headers,
      body,
      timeoutMs: this.#config.timeoutMs,
    });
    return answer.ok
      ? { accepted: true, statusCode: answer.status, rejected: 0 }
      : answer;
  }

  async close(): Promise<void> {}
}
