import type { AuditEventRecord } from '../protocol/audit-event.ts';
import { eventEnvelope } from './event-envelope.ts';
import { httpPost } from './http-post.ts';
import type { ResolvedFor } from './resolved-sink-config.ts';
import type { DeliveryResult, Sink } from './sink.ts';
import { readSecret } from './sink-secrets.ts';

/**
 * Splunk HTTP Event Collector: one HEC event object per audit event, sent
 * back to back in one request. The envelope's `id` lets a search drop the
 * duplicates that at-least-once delivery can produce.
 */
export class SplunkHecSink implements Sink {
  readonly kind = 'splunk_hec';
  readonly #config: ResolvedFor<'splunk_hec'>;
  readonly #headers: Record<string, string>;

  constructor(config: ResolvedFor<'splunk_hec'>, env = process.env) {
    this.#config = config;
    this.#headers = {
      'content-type': 'application/json',
      authorization: `Splunk ${readSecret(config.name, config.tokenEnv, env)}`,
    };
  }

  async send(events: readonly AuditEventRecord[]): Promise<DeliveryResult> {
    const answer = await httpPost({
      url: this.#config.url,
      headers: this.#headers,
      body: events
        .map((event) => JSON.stringify(this.#hecEvent(event)))
        .join('\n'),
      timeoutMs: this.#config.timeoutMs,
    });
    return answer.ok
      ? { accepted: true, statusCode: answer.status, rejected: 0 }
      : answer;
  }

  async close(): Promise<void> {}

  #hecEvent(event: AuditEventRecord): object {
    const envelope = eventEnvelope(event);
    const { index, source, sourcetype, host } = this.#config;
    return {
      // HEC takes epoch seconds with a fraction for sub-second precision.
      time: Date.parse(envelope.ts) / 1000,
      host,
      source,
      sourcetype,
      ...(index === undefined ? {} : { index }),
      event: envelope,
    };
  }
}
