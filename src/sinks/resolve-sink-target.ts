import os from 'node:os';
import path from 'node:path';

import type { FieldReader } from './field-reader.ts';
import type { ResolvedSinkTarget } from './resolved-sink-config.ts';
import type { SinkKind } from './sink-kind.ts';

const IDENTIFIER = '[a-z_][a-z0-9_]{0,62}';
const TABLE = new RegExp(`^${IDENTIFIER}(\\.${IDENTIFIER})?$`);

/** The settings of one kind: where it delivers and how it signs in. */
export function readTarget(
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
