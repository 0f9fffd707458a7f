import { parseRetryAfter } from './retry-after.ts';
import type { FailedDelivery } from './sink.ts';

/**
 * The answers worth sending the same batch again for: the receiver is
 * overloaded or a proxy could not reach it. Any other 4xx or 5xx would
 * fail the same way again.
 */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/** The start of an error body kept in `sink_health.error`. */
const ERROR_BODY_CHARS = 200;

export interface HttpPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** A 2xx answer with its body, or why there was none. */
export type HttpAnswer =
  { ok: true; status: number; body: string } | ({ ok: false } & FailedDelivery);

/**
 * POSTs one request and classifies the answer. Never throws: a refused or
 * reset connection and a timeout are retryable failures.
 */
export async function httpPost(request: HttpPost): Promise<HttpAnswer> {
  let response: Response;
  let body: string;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    body = await response.text();
  } catch (error) {
    return {
      ok: false,
      accepted: false,
      retryable: true,
      error: describe(error, request),
    };
  }

  if (response.ok) return { ok: true, status: response.status, body };
  return failure(response, body);
}

function failure(response: Response, body: string): HttpAnswer {
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const text = body.replace(/\s+/g, ' ').trim().slice(0, ERROR_BODY_CHARS);
  return {
    ok: false,
    accepted: false,
    retryable: RETRYABLE_STATUS.has(response.status),
    statusCode: response.status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    error: `HTTP ${response.status}${text === '' ? '' : `: ${text}`}`,
  };
}

/** fetch hides the socket error in `cause`; that is the useful part. */
function describe(error: unknown, request: HttpPost): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return `no answer within ${request.timeoutMs} ms`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } })
    .cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error).message;
  return `connection failed: ${detail}`;
}
