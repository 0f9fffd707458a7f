import type { Severity } from '../protocol/severity.ts';

/**
 * Settings every sink kind shares. Durations are in milliseconds; in
 * `config.yaml` the same settings are snake_case without the `Ms` suffix
 * and take `250ms`, `5s`, `2m` or a number of seconds.
 */
export interface SinkCommonConfig {
  /**
   * Unique among the store's sinks: it names the cursor and the health
   * rows. Letters, digits, `.`, `_` and `-`.
   */
  name: string;
  /** Default true. A disabled sink keeps its cursor and is sent nothing. */
  enabled?: boolean;
  /** Events per request. Default 50 for splunk_hec, else 100. */
  batchSize?: number;
  /** Longest wait before a batch that is not full is sent. Default 5000. */
  flushIntervalMs?: number;
  /** The limit of one attempt. Default 10,000. */
  timeoutMs?: number;
  /** Events below this severity are not sent; the cursor passes them. */
  minSeverity?: Severity;
  /** Only these actions are sent; `guardrail-*` matches a prefix. */
  actions?: string[];
  /** First retry delay, doubled per failure, with full jitter. Default 500. */
  retryInitialMs?: number;
  /** Longest retry delay. Default 30,000. */
  retryMaxMs?: number;
  /** Failures in a row that open the breaker. Default 5. */
  breakerFailures?: number;
  /** How long the breaker stays open before one probe. Default 60,000. */
  breakerOpenMs?: number;
}

/** NDJSON POSTed to a URL, one event envelope per line. */
export interface HttpJsonlSinkConfig extends SinkCommonConfig {
  kind: 'http_jsonl';
  url: string;
  /** The environment variable holding the bearer token, if any. */
  bearerEnv?: string;
}

/** Splunk HTTP Event Collector. */
export interface SplunkHecSinkConfig extends SinkCommonConfig {
  kind: 'splunk_hec';
  /** Usually `https://host:8088/services/collector/event`. */
  url: string;
  /** The environment variable holding the HEC token. */
  tokenEnv: string;
  index?: string;
  /** Default `defenseclaw-audit`. */
  source?: string;
  /** Default `defenseclaw:audit`. */
  sourcetype?: string;
  /** Default: this machine's host name. */
  host?: string;
}

/** OpenTelemetry logs over OTLP/HTTP with the JSON encoding. */
export interface OtlpLogsSinkConfig extends SinkCommonConfig {
  kind: 'otlp_logs';
  /** The full logs URL, usually ending in `/v1/logs`. */
  url: string;
  /** Header name to the environment variable holding its value. */
  headersEnv?: Record<string, string>;
  /** The `service.name` resource attribute. Default `defenseclaw`. */
  serviceName?: string;
}

/** A central PostgreSQL holding the audit events of a fleet of gateways. */
export interface PostgresSinkConfig extends SinkCommonConfig {
  kind: 'postgres';
  /** A connection URL without a password. */
  url?: string;
  /** The environment variable holding the whole connection URL instead. */
  urlEnv?: string;
  passwordEnv?: string;
  /** `table` or `schema.table`. Default `audit_events`. */
  table?: string;
  /** Tells this gateway's rows apart. Default: this machine's host name. */
  gatewayId?: string;
}

/** The local `gateway.jsonl` log, rotated with gzip backups. */
export interface GatewayJsonlSinkConfig extends SinkCommonConfig {
  kind: 'gateway_jsonl';
  /** Default `gateway.jsonl` beside the database; relative to its folder. */
  path?: string;
  /** Rotate before the file would pass this size. Default 50 MiB. */
  maxBytes?: number;
  /** Gzip backups kept. Default 5. */
  maxBackups?: number;
}

/** One sink as the embedding API takes it. */
export type SinkConfig =
  | HttpJsonlSinkConfig
  | SplunkHecSinkConfig
  | OtlpLogsSinkConfig
  | PostgresSinkConfig
  | GatewayJsonlSinkConfig;
