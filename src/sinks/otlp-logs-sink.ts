import os from 'node:os';

import type { AuditEventRecord } from '../protocol/audit-event.ts';
import { httpPost } from './http-post.ts';
import { otlpLogRecord, type OtlpAttribute } from './otlp-log-record.ts';
import type { ResolvedFor } from './resolved-sink-config.ts';
import type { DeliveryResult, Sink } from './sink.ts';
import { readSecret } from './sink-secrets.ts';

/**
 * OpenTelemetry logs over OTLP/HTTP, JSON encoding, to a Collector or any
 * OTLP receiver. A 200 answer may still refuse some records
 * (`partialSuccess`); those are counted and not sent again, as the OTLP
 * specification asks.
 */
export class OtlpLogsSink implements Sink {
  readonly kind = 'otlp_logs';
  readonly #config: ResolvedFor<'otlp_logs'>;
  readonly #headers: Record<string, string>;
  readonly #resource: OtlpAttribute[];

  constructor(config: ResolvedFor<'otlp_logs'>, env = process.env) {
    this.#config = config;
    this.#headers = { 'content-type': 'application/json' };
    for (const [header, variable] of Object.entries(config.headersEnv)) {
      this.#headers[header.toLowerCase()] = readSecret(
        config.name,
        variable,
        env,
      );
    }
    this.#resource = [
      { key: 'service.name', value: { stringValue: config.serviceName } },
      { key: 'host.name', value: { stringValue: os.hostname() } },
    ];
  }

  async send(events: readonly AuditEventRecord[]): Promise<DeliveryResult> {
    const answer = await httpPost({
      url: this.#config.url,
      headers: this.#headers,
      body: JSON.stringify(this.#request(events)),
      timeoutMs: this.#config.timeoutMs,
    });
    if (!answer.ok) return answer;

    const partial = partialSuccess(answer.body);
    return {
      accepted: true,
      statusCode: answer.status,
      rejected: Math.min(partial.rejected, events.length),
      ...(partial.message === undefined ? {} : { error: partial.message }),
    };
  }

  async close(): Promise<void> {}

  #request(events: readonly AuditEventRecord[]): object {
    const observed = Date.now();
    return {
      resourceLogs: [
        {
          resource: { attributes: this.#resource },
          scopeLogs: [
            {
              scope: { name: 'defenseclaw-audit' },
              logRecords: events.map((event) => otlpLogRecord(event, observed)),
            },
          ],
        },
      ],
    };
  }
}

/** `rejectedLogRecords` is an int64, which the JSON encoding may quote. */
function partialSuccess(body: string): { rejected: number; message?: string } {
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    return { rejected: 0 };
  }
  const partial = (parsed as { partialSuccess?: Record<string, unknown> })
    ?.partialSuccess;
  const rejected = Number(partial?.['rejectedLogRecords'] ?? 0);
  const message = partial?.['errorMessage'];

  return {
    rejected: Number.isSafeInteger(rejected) && rejected > 0 ? rejected : 0,
    ...(typeof message === 'string' && message !== '' ? { message } : {}),
  };
}
