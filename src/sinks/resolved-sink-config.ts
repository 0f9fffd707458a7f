import type { Severity } from '../protocol/severity.ts';

/** The shared settings with every default applied. */
export interface ResolvedSinkCommon {
  name: string;
  enabled: boolean;
  batchSize: number;
  flushIntervalMs: number;
  timeoutMs: number;
  minSeverity: Severity | undefined;
  actions: readonly string[] | undefined;
  retryInitialMs: number;
  retryMaxMs: number;
  breakerFailures: number;
  breakerOpenMs: number;
}

/**
 * What a sink kind needs beyond the shared settings. Secrets are held as
 * the names of environment variables and read when the sink starts.
 */
export type ResolvedSinkTarget =
  | { kind: 'http_jsonl'; url: string; bearerEnv: string | undefined }
  | {
      kind: 'splunk_hec';
      url: string;
      tokenEnv: string;
      index: string | undefined;
      source: string;
      sourcetype: string;
      host: string;
    }
  | {
      kind: 'otlp_logs';
      url: string;
      headersEnv: Readonly<Record<string, string>>;
      serviceName: string;
    }
  | {
      kind: 'postgres';
      url: string | undefined;
      urlEnv: string | undefined;
      passwordEnv: string | undefined;
      table: string;
      gatewayId: string;
    }
  | {
      kind: 'gateway_jsonl';
      path: string;
      maxBytes: number;
      maxBackups: number;
    };

export type ResolvedSinkConfig = ResolvedSinkCommon & ResolvedSinkTarget;

/** The settings of one kind, picked out of the union. */
export type ResolvedFor<K extends ResolvedSinkTarget['kind']> =
  ResolvedSinkCommon & Extract<ResolvedSinkTarget, { kind: K }>;
