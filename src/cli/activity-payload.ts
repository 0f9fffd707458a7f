import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';

import type { ActivityEventInput } from '../protocol/activity-event.ts';
import { AuditError } from '../protocol/audit-error.ts';
import { CliError } from './cli-error.ts';
import { EXIT_CODES } from './exit-code.ts';

/** Payload keys (the original's snake_case) and the store's field names. */
const PAYLOAD_FIELDS: Readonly<Record<string, keyof ActivityEventInput>> = {
  action: 'action',
  actor: 'actor',
  target_type: 'targetType',
  target_id: 'targetId',
  reason: 'reason',
  before: 'before',
  after: 'after',
  diff: 'diff',
  version_from: 'versionFrom',
  version_to: 'versionTo',
  severity: 'severity',
  request_id: 'requestId',
  session_id: 'sessionId',
  trace_id: 'traceId',
  run_id: 'runId',
};

/** Before, after and diff may each hold 256 KiB; this leaves room. */
const MAX_PAYLOAD_BYTES = 4 << 20;

/** Reads a payload file, or standard input for `-`. */
export async function readPayload(file: string): Promise<string> {
  if (file === '-' && process.stdin.isTTY === true) {
    process.stderr.write(
      'reading the payload from the terminal; end it with Ctrl-D\n',
    );
  }
  try {
    const bytes =
      file === '-'
        ? await readLimited(process.stdin)
        : await readLimited(fs.createReadStream(file));
    return decodeUtf8(bytes, file === '-' ? 'stdin' : file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(EXIT_CODES.IO, `cannot read ${file}: ${reason}`);
  }
}

/**
 * Checks what the store cannot see (JSON syntax, the top-level shape,
 * unknown keys) and maps the payload onto the store's input. Values are
 * checked by the store itself, in `reportRefusal` terms.
 */
export function parseActivityPayload(
  text: string,
  source: string,
): ActivityEventInput {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw badInput(source, `not valid JSON (${(error as Error).message})`);
  }
  if (
    typeof payload !== 'object' ||
    payload === null ||
    Array.isArray(payload)
  ) {
    throw badInput(source, `must hold one JSON object, not ${kindOf(payload)}`);
  }

  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    const field = PAYLOAD_FIELDS[key];
    if (field === undefined) {
      throw badInput(
        source,
        `unknown field "${key}"; the fields are ${Object.keys(PAYLOAD_FIELDS).join(', ')}`,
      );
    }
    input[field] = value;
  }
  return input as ActivityEventInput;
}

/**
 * The store refused the payload: name the field as the payload spells it
 * (`target_type`, `diff.0.path`), not as the store does.
 */
export function reportRefusal(error: unknown, source: string): unknown {
  if (!(error instanceof AuditError) || error.code !== 'INVALID_INPUT') {
    return error;
  }
  const field = error.field ?? '';
  const reason = error.message.startsWith(`${field}: `)
    ? error.message.slice(field.length + 2)
    : error.message;
  return badInput(source, `${payloadName(field)}: ${reason}`);
}

function payloadName(field: string): string {
  const [head = '', ...rest] = field.split('.');
  const key = Object.keys(PAYLOAD_FIELDS).find(
    (k) => PAYLOAD_FIELDS[k] === head,
  );
  return [key ?? head, ...rest].join('.');
}

/**
 * A lenient decode would turn invalid bytes into U+FFFD and store text
 * the operator never wrote; refuse the payload instead, saying where.
 */
function decodeUtf8(bytes: Buffer, source: string): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const lenient = Buffer.from(bytes.toString('utf8'));
  let at = 0;
  while (at < bytes.length && bytes[at] === lenient[at]) at++;
  throw badInput(source, `is not valid UTF-8 (byte ${at}); save it as UTF-8`);
}

function badInput(source: string, problem: string): CliError {
  return new CliError(
    EXIT_CODES.BAD_INPUT,
    `${source}: ${problem}; nothing was written`,
  );
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

async function readLimited(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > MAX_PAYLOAD_BYTES) {
      throw new CliError(
        EXIT_CODES.BAD_INPUT,
        `the payload is larger than ${MAX_PAYLOAD_BYTES >> 20} MiB; nothing was written`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
