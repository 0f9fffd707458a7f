import { AuditError } from '../protocol/audit-error.ts';
import type { ResolvedSinkConfig } from './resolved-sink-config.ts';

/** The environment variables a sink reads its secrets from. */
export function secretVariables(config: ResolvedSinkConfig): string[] {
  switch (config.kind) {
    case 'http_jsonl':
      return config.bearerEnv === undefined ? [] : [config.bearerEnv];
    case 'splunk_hec':
      return [config.tokenEnv];
    case 'otlp_logs':
      return Object.values(config.headersEnv);
    case 'postgres':
      return [config.urlEnv, config.passwordEnv].filter(
        (name): name is string => name !== undefined,
      );
    case 'gateway_jsonl':
      return [];
  }
}

/**
 * Checks that every enabled sink's secrets are set, so that a missing
 * token fails the open with a clear message instead of every delivery.
 */
export function checkSinkSecrets(
  configs: readonly ResolvedSinkConfig[],
  env: NodeJS.ProcessEnv = process.env,
): void {
  for (const config of configs) {
    if (!config.enabled) continue;
    for (const variable of secretVariables(config)) {
      readSecret(config.name, variable, env);
    }
  }
}

export function readSecret(
  sinkName: string,
  variable: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const value = env[variable];
  if (value === undefined || value === '') {
    throw new AuditError(
      'INVALID_INPUT',
      `sink ${sinkName}: the environment variable ${variable} is not set; export it (or disable the sink) before the store opens`,
      { field: variable },
    );
  }
  return value;
}
