import { GatewayJsonlSink } from './gateway-jsonl-sink.ts';
import { HttpJsonlSink } from './http-jsonl-sink.ts';
import { OtlpLogsSink } from './otlp-logs-sink.ts';
import { PostgresSink } from './postgres-sink.ts';
import { SplunkHecSink } from './splunk-hec-sink.ts';
import type { ResolvedSinkConfig } from './resolved-sink-config.ts';
import type { Sink } from './sink.ts';

/** The sink for a checked configuration; secrets are read from `env` now. */
export function createSink(
  config: ResolvedSinkConfig,
  env: NodeJS.ProcessEnv = process.env,
  onIdleError?: (error: Error) => void,
): Sink {
  switch (config.kind) {
    case 'http_jsonl':
      return new HttpJsonlSink(config, env);
    case 'splunk_hec':
      return new SplunkHecSink(config, env);
    case 'otlp_logs':
      return new OtlpLogsSink(config, env);
    case 'postgres':
      return new PostgresSink(config, env, onIdleError);
    case 'gateway_jsonl':
      return new GatewayJsonlSink(config);
  }
}
