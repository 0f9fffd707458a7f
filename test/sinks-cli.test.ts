import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { openAuditStore } from '../src/index.ts';
import { tempDir } from './helpers/temp-dir.ts';
import { runCli } from './fixtures/cli-harness.ts';
import { TestReceiver } from './fixtures/sink-receiver.ts';
import { cursorOf, eventIds, writeEvents } from './fixtures/sink-store.ts';

async function seededFolder(
  count: number,
  yaml: string,
): Promise<{ dbPath: string; folder: string }> {
  const folder = tempDir();
  const dbPath = path.join(folder, 'audit.db');
  const store = await openAuditStore({ path: dbPath, sinksConfigFile: false });
  await writeEvents(store, count);
  await store.close();
  fs.writeFileSync(path.join(folder, 'config.yaml'), yaml);
  return { dbPath, folder };
}

function jsonlSink(name: string, url: string, extra = ''): string {
  return `  - { name: ${name}, kind: http_jsonl, url: "${url}", bearer_env: CLI_SINK_TOKEN, retry_initial: 10ms, retry_max: 20ms${extra} }\n`;
}

test('sinks flush delivers everything pending and exits 0; sinks then shows no lag and the last success', async () => {
  const receiver = await TestReceiver.start('jsonl', { token: 'cli-token' });
  const { dbPath } = await seededFolder(
    240,
    `audit_sinks:\n${jsonlSink('central', receiver.url)}`,
  );
  const env = { CLI_SINK_TOKEN: 'cli-token' };
  try {
    const flush = await runCli(['sinks', 'flush', '--db', dbPath], { env });
    assert.equal(flush.code, 0, flush.stderr);
    assert.equal(flush.stdout, 'central\tdelivered\n');
    assert.deepEqual(
      eventIds(dbPath).filter((id) => !receiver.accepted.has(id)),
      [],
    );
    assert.equal(cursorOf(dbPath, 'central'), 240);

    const shown = await runCli(['sinks', '--db', dbPath, '--json']);
    assert.equal(shown.code, 0, shown.stderr);
    const [status] = shown.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(status.name, 'central');
    assert.equal(status.lag, 0);
    assert.equal(status.last_outcome, 'delivered');
    assert.match(status.last_success_at, /^\d{4}-\d{2}-\d{2}T.*Z$/);
    assert.equal(status.last_error, null);
  } finally {
    await receiver.close();
  }
});

test('sinks flush exits non-zero with a one-line reason when a sink refuses, and its cursor stays', async () => {
  const good = await TestReceiver.start('jsonl');
  const bad = await TestReceiver.start('jsonl');
  bad.faults.push({ status: 400 });
  const { dbPath } = await seededFolder(
    20,
    `audit_sinks:\n${jsonlSink('good', good.url)}${jsonlSink('bad', bad.url)}`,
  );
  try {
    const flush = await runCli(['sinks', 'flush', '--db', dbPath], {
      env: { CLI_SINK_TOKEN: 'x' },
    });
    assert.equal(flush.code, 1);
    const lines = flush.stderr.trim().split('\n');
    assert.match(
      lines.at(-1) ?? '',
      /^defenseclaw-audit sinks: sink bad failed: HTTP 400: .*injected 400/,
    );
    assert.equal(cursorOf(dbPath, 'bad'), 0);
    assert.equal(cursorOf(dbPath, 'good'), 20);

    const shown = await runCli(['sinks', '--db', dbPath]);
    assert.equal(shown.code, 0);
    const badRow = shown.stdout.split('\n').find((l) => l.startsWith('bad '));
    assert.match(badRow ?? '', /http_jsonl\s+2\d\s.*never\s+\S+Z HTTP 400/);
  } finally {
    await good.close();
    await bad.close();
  }
});

test('sinks flush without an enabled sink, or without a database, says so', async () => {
  const { dbPath, folder } = await seededFolder(
    1,
    'audit_sinks:\n  - { name: off, kind: gateway_jsonl, enabled: false }\n',
  );
  const none = await runCli(['sinks', 'flush', '--db', dbPath]);
  assert.equal(none.code, 3);
  assert.match(none.stderr, /no enabled sink to flush/);

  fs.writeFileSync(
    path.join(folder, 'config.yaml'),
    'audit_sinks:\n  - { name: log, kind: gateway_jsonl }\n',
  );
  const noDb = await runCli([
    'sinks',
    'flush',
    '--db',
    path.join(folder, 'other.db'),
    '--config',
    path.join(folder, 'config.yaml'),
  ]);
  assert.equal(noDb.code, 4);
  assert.equal(fs.existsSync(path.join(folder, 'other.db')), false);
});
