import { parseSeverity, type Severity } from '../protocol/severity.ts';
import { FieldReader } from './field-reader.ts';
import { readTarget } from './resolve-sink-target.ts';
import type {
  ResolvedSinkCommon,
  ResolvedSinkConfig,
} from './resolved-sink-config.ts';
import { SINK_KINDS, type SinkKind } from './sink-kind.ts';

const NAME = /^[A-Za-z0-9._-]{1,64}$/;

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
