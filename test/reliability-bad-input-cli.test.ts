import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

import fc from 'fast-check';

import type { ColumnSpec } from '../src/worker/column-spec.ts';
import { ACTIVITY_EVENTS_TABLE } from '../src/worker/tables/activity-events-table.ts';
import { hostileValue } from './fixtures/reliability-hostile-values.ts';
import { totalRows } from './fixtures/reliability-ids.ts';
import { tempDir } from './helpers/temp-dir.ts';

/** Each case starts the built CLI (`npm test` builds it first). */
const RUNS = Number(process.env['CLI_BAD_INPUT_RUNS'] ?? 16);
const CLI = fileURLToPath(
  new URL('../dist/cli/defenseclaw-audit.js', import.meta.url),
);

/** The payload's keys and the columns behind them. */
const PAYLOAD_COLUMNS: Record<string, string> = {
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
  request_id: 'requestId',
  session_id: 'sessionId',
  trace_id: 'traceId',
};

function columnOf(key: string): ColumnSpec {
  const field = PAYLOAD_COLUMNS[key];
  const column = ACTIVITY_EVENTS_TABLE.columns.find((c) => c.field === field);
  assert.ok(column !== undefined, key);
  return column;
}

function jsonSafe(value: unknown): boolean {
  try {
    const text = JSON.stringify(value);
    return text !== undefined && isDeepStrictEqual(JSON.parse(text), value);
  } catch {
    return false;
  }
}

interface Case {
  payload: Buffer;
  /** Text stderr must contain: the problem or the field named. */
  names: string;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

const badPayload: fc.Arbitrary<Case> = fc.oneof(
  fc
    .string()
    .filter((text) => !parses(text))
    .map((text) => ({ payload: Buffer.from(text), names: 'not valid JSON' })),
  fc
    .oneof(fc.integer(), fc.string(), fc.array(fc.integer()), fc.constant(null))
    .map((value) => ({ payload: json(value), names: 'one JSON object' })),
  fc
    .string({ minLength: 1 })
    .filter(
      (key) =>
        !(key in PAYLOAD_COLUMNS) && key !== 'severity' && key !== 'run_id',
    )
    .map((key) => ({ payload: json({ [key]: 'x' }), names: 'unknown field' })),
  fc.constantFrom(...Object.keys(PAYLOAD_COLUMNS)).chain((key) =>
    hostileValue(columnOf(key))
      .filter(jsonSafe)
      .map((value) => ({ payload: json({ [key]: value }), names: `: ${key}` })),
  ),
  fc
    .tuple(
      fc.constantFrom('reason', 'actor', 'target_id'),
      fc.constantFrom(
        [0xff],
        [0xc3, 0x28],
        [0xed, 0xa0, 0x80],
        [0xf8, 0x88, 0x80, 0x80, 0x80],
      ),
    )
    .map(([key, bytes]) => ({
      payload: Buffer.concat([
        Buffer.from(`{"${key}": "ok `),
        Buffer.from(bytes),
        Buffer.from('"}'),
      ]),
      names: 'UTF-8',
    })),
);

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function logActivity(db: string, file: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(
        process.execPath,
        [CLI, 'log-activity', '--db', db, '--payload-file', file],
        (error, stdout, stderr) =>
          resolve({
            code: error === null ? 0 : (error.code as number),
            stdout,
            stderr,
          }),
      );
    },
  );
}

test('log-activity refuses every generated bad payload with exit 3, a message naming the problem, and nothing written', async () => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build`);
  const dir = tempDir();
  const db = path.join(dir, 'audit.db');
  const file = path.join(dir, 'payload.json');
  fs.writeFileSync(file, '{}');
  assert.equal((await logActivity(db, file)).code, 0);

  await fc.assert(
    fc.asyncProperty(badPayload, async ({ payload, names }) => {
      const before = totalRows(db);
      fs.writeFileSync(file, payload);
      const { code, stdout, stderr } = await logActivity(db, file);
      assert.equal(code, 3, stderr);
      assert.equal(stdout, '');
      assert.ok(stderr.includes(names), `expected "${names}" in: ${stderr}`);
      assert.equal(totalRows(db), before);
    }),
    { numRuns: RUNS },
  );

  fs.writeFileSync(file, '{"reason": "still usable"}');
  assert.equal((await logActivity(db, file)).code, 0);
});
