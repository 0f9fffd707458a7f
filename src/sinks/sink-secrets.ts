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
 * Checks that every enabled sink's secrets are set (and a URL secret is a
 * URL), so that a missing token fails the open with a clear message
 * instead of every delivery, and building the sinks afterwards cannot
 * fail.
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
    if (config.kind === 'postgres' && config.urlEnv !== undefined) {
      checkUrlSecret(config.name, config.urlEnv, env);
    }
  }
}

/** A URL from the environment gets the same check as one in the file. */
function checkUrlSecret(
  sinkName: string,
  variable: string,
  env: NodeJS.ProcessEnv,
): void {
  const text = readSecret(sinkName, variable, env);
  const scheme = URL.canParse(text) ? new URL(text).protocol : undefined;
  if (scheme !== 'postgres:' && scheme !== 'postgresql:') {
    throw new AuditError(
      'INVALID_INPUT',
      `sink ${sinkName}: the environment variable ${variable} does not hold a postgres:// URL`,
      { field: variable },
    );
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
      `sink ${sinkName}: the environment variable ${variable} is not set; ` +
        'export it (or disable the sink) before the store opens',
      { field: variable },
    );
  }
  return value;
}
