import os from 'node:os';
import path from 'node:path';

import { parseSeverity, type Severity } from '../protocol/severity.ts';
import { FieldReader } from './field-reader.ts';
import type {
  ResolvedSinkCommon,
  ResolvedSinkConfig,
  ResolvedSinkTarget,
} from './resolved-sink-config.ts';
import { SINK_KINDS, type SinkKind } from './sink-kind.ts';

const NAME = /^[A-Za-z0-9._-]{1,64}$/;
const IDENTIFIER = '[a-z_][a-z0-9_]{0,62}';
const TABLE = new RegExp(`^${IDENTIFIER}(\\.${IDENTIFIER})?$`);

export interface ResolveContext {
  /** The list entry, such as `audit_sinks.2` or `sinks.0`. */
  where: string;
  /** Relative `gateway_jsonl` paths resolve against the database folder. */
  dbFolder: string;
  /** The file the entry came from, when it came from one. */
  source?: string;
}

/**
 * Checks one sink's settings and applies the defaults. Throws INVALID_INPUT
 * naming the key at fault and the file it is in.
 */
export function resolveSinkConfig(
  raw: unknown,
  context: ResolveContext,
): ResolvedSinkConfig {
  const reader = new FieldReader(raw, context.where, context.source);
  const kind = readKind(reader);
  const common = readCommon(reader, kind);
  const target = readTarget(reader, kind, context.dbFolder);
  reader.finish();

  return Object.freeze({ ...common, ...target });
}

function readKind(reader: FieldReader): SinkKind {
  const kind = reader.requiredText('kind');
  if (!(SINK_KINDS as readonly string[]).includes(kind)) {
    throw reader.fail(
      'kind',
      `"${kind}" is not one of ${SINK_KINDS.join(', ')}`,
    );
  }
  return kind as SinkKind;
}

function readCommon(reader: FieldReader, kind: SinkKind): ResolvedSinkCommon {
  const name = reader.requiredText('name');
  if (!NAME.test(name)) {
    throw reader.fail(
      'name',
      `"${name}" may hold only letters, digits, ".", "_" and "-" (64 at most)`,
    );
  }
  const defaultBatch = kind === 'splunk_hec' ? 50 : 100;
  const retryInitialMs = reader.duration('retryInitialMs', 500, 1);

  return {
    name,
    enabled: reader.flag('enabled', true),
    batchSize: reader.whole('batchSize', defaultBatch, 1, 10_000),
    flushIntervalMs: reader.duration('flushIntervalMs', 5000, 1),
    timeoutMs: reader.duration('timeoutMs', 10_000, 1),
    minSeverity: readSeverity(reader),
    actions: reader.textList('actions'),
    retryInitialMs,
    retryMaxMs: reader.duration(
      'retryMaxMs',
      Math.max(30_000, retryInitialMs),
      retryInitialMs,
    ),
    breakerFailures: reader.whole('breakerFailures', 5, 1, 1000),
    breakerOpenMs: reader.duration('breakerOpenMs', 60_000, 1),
  };
}

function readSeverity(reader: FieldReader): Severity | undefined {
  const text = reader.text('minSeverity');
  if (text === undefined) return undefined;
  const severity = parseSeverity(text);
  if (severity === undefined) {
    throw reader.fail(
      'minSeverity',
      `"${text}" is not CRITICAL, HIGH, MEDIUM, LOW, WARN or INFO`,
    );
  }
  return severity;
}

function readTarget(
  reader: FieldReader,
  kind: SinkKind,
  dbFolder: string,
): ResolvedSinkTarget {
  switch (kind) {
    case 'http_jsonl':
      return {
        kind,
        url: readHttpUrl(reader),
        bearerEnv: reader.envName('bearerEnv'),
      };
    case 'splunk_hec':
      return {
        kind,
        url: readHttpUrl(reader),
        tokenEnv: requiredEnv(reader, 'tokenEnv'),
        index: reader.text('index'),
        source: reader.text('source') ?? 'defenseclaw-audit',
        sourcetype: reader.text('sourcetype') ?? 'defenseclaw:audit',
        host: reader.text('host') ?? os.hostname(),
      };
    case 'otlp_logs':
      return {
        kind,
        url: readHttpUrl(reader),
        headersEnv: reader.envMap('headersEnv'),
        serviceName: reader.text('serviceName') ?? 'defenseclaw',
      };
    case 'postgres':
      return readPostgres(reader);
    case 'gateway_jsonl':
      return {
        kind,
        path: path.resolve(dbFolder, reader.text('path') ?? 'gateway.jsonl'),
        maxBytes: reader.size('maxBytes', 50 << 20, 1024),
        maxBackups: reader.whole('maxBackups', 5, 0, 100),
      };
  }
}

function readPostgres(reader: FieldReader): ResolvedSinkTarget {
  const url = reader.text('url');
  const urlEnv = reader.envName('urlEnv');
  if ((url === undefined) === (urlEnv === undefined)) {
    throw reader.fail(
      'url',
      `give either ${reader.key('url')} or ${reader.key('urlEnv')}`,
    );
  }
  if (url !== undefined) checkUrl(reader, url, ['postgres:', 'postgresql:']);
  const table = reader.text('table') ?? 'audit_events';
  if (!TABLE.test(table)) {
    throw reader.fail(
      'table',
      `"${table}" must be a lower-case name or schema.name`,
    );
  }

  return {
    kind: 'postgres',
    url,
    urlEnv,
    passwordEnv: reader.envName('passwordEnv'),
    table,
    gatewayId: reader.text('gatewayId') ?? os.hostname(),
  };
}

function requiredEnv(reader: FieldReader, field: string): string {
  const name = reader.envName(field);
  if (name === undefined) {
    throw reader.fail(
      field,
      'is required: name the environment variable that holds the secret',
    );
  }
  return name;
}

function readHttpUrl(reader: FieldReader): string {
  const url = reader.requiredText('url');
  checkUrl(reader, url, ['http:', 'https:']);
  return url;
}

/** Secrets belong in environment variables, never in the settings. */
function checkUrl(reader: FieldReader, text: string, schemes: string[]): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw reader.fail('url', `"${text}" is not a URL`);
  }
  if (!schemes.includes(url.protocol)) {
    throw reader.fail(
      'url',
      `expected a ${schemes.join(' or ')} URL, got ${url.protocol}`,
    );
  }
  if (url.password !== '') {
    throw reader.fail(
      'url',
      'holds a password: remove it and name an environment variable that holds it instead',
    );
  }
}
