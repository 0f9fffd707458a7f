import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { AuditError, loadSinkConfigs, openAuditStore } from '../src/index.ts';
import { tempDir } from './helpers/temp-dir.ts';
import { TestReceiver } from './fixtures/sink-receiver.ts';
import { eventually, writeEvents } from './fixtures/sink-store.ts';

function folderWithConfig(yaml: string): { folder: string; dbPath: string } {
  const folder = tempDir();
  fs.writeFileSync(path.join(folder, 'config.yaml'), yaml);
  return { folder, dbPath: path.join(folder, 'audit.db') };
}

function refusal(pattern: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof AuditError);
    assert.equal(error.code, 'INVALID_INPUT');
    assert.match(error.message, pattern);
    return true;
  };
}

test('the store delivers to the sinks of config.yaml beside the database, leaving the gateway keys alone', async () => {
  const receiver = await TestReceiver.start('jsonl', { token: 'file-token' });
  process.env['TEST_FILE_SINK_TOKEN'] = 'file-token';
  const { dbPath } = folderWithConfig(`
gateway:
  listen: 127.0.0.1:18789
audit_sinks:
  - name: central
    kind: http_jsonl
    enabled: true
    url: ${receiver.url}
    bearer_env: TEST_FILE_SINK_TOKEN
    batch_size: 100
    flush_interval: 20ms
    min_severity: INFO
`);
  const store = await openAuditStore({ path: dbPath });
  try {
    assert.deepEqual(store.sinks?.sinkNames, ['central']);
    const ids = await writeEvents(store, 25);
    await receiver.waitFor(
      () => ids.every((id) => receiver.accepted.has(id)),
      'all 25 events',
    );
    assert.deepEqual(receiver.violations, []);
  } finally {
    await store.close();
    await receiver.close();
  }
});

test('file settings: snake_case keys, durations and sizes with units, defaults, paths beside the database', () => {
  const { folder, dbPath } = folderWithConfig(`
audit_sinks:
  - { name: hec, kind: splunk_hec, url: "https://splunk:8088/services/collector/event", token_env: HEC_TOKEN }
  - name: log
    kind: gateway_jsonl
    max_bytes: 10MB
    flush_interval: 2s
    timeout: 1.5
    retry_initial: 250ms
    breaker_open: 2m
    actions: [guardrail-*, block]
  - { name: off, kind: http_jsonl, url: "http://x/y", enabled: false, bearer_env: UNSET_TOKEN }
`);
  const [hec, log, off] = loadSinkConfigs(dbPath);

  assert.equal(hec?.kind, 'splunk_hec');
  assert.equal(hec?.batchSize, 50);
  assert.equal(hec?.flushIntervalMs, 5000);
  assert.equal(hec?.timeoutMs, 10_000);
  assert.equal(hec?.breakerFailures, 5);
  assert.equal(hec?.breakerOpenMs, 60_000);
  assert.equal(
    log?.kind === 'gateway_jsonl' && log.path,
    path.join(folder, 'gateway.jsonl'),
  );
  assert.equal(log?.kind === 'gateway_jsonl' && log.maxBytes, 10 * 2 ** 20);
  assert.equal(log?.kind === 'gateway_jsonl' && log.maxBackups, 5);
  assert.equal(log?.batchSize, 100);
  assert.equal(log?.flushIntervalMs, 2000);
  assert.equal(log?.timeoutMs, 1500);
  assert.equal(log?.retryInitialMs, 250);
  assert.equal(log?.breakerOpenMs, 120_000);
  assert.deepEqual(log?.actions, ['guardrail-*', 'block']);
  assert.equal(off?.enabled, false);
});

test('a misspelt key is refused with the file and the key it found', () => {
  const { dbPath } = folderWithConfig(`
audit_sinks:
  - { name: a, kind: http_jsonl, url: "http://127.0.0.1:1/x", batchsize: 10 }
`);
  assert.throws(
    () => loadSinkConfigs(dbPath),
    refusal(/config\.yaml: audit_sinks\.0\.batchsize: is not a sink setting/),
  );
});

test('a secret written into the file is refused: it belongs in an environment variable', () => {
  const { dbPath } = folderWithConfig(`
audit_sinks:
  - { name: pg, kind: postgres, url: "postgres://audit:hunter2@db/audit" }
`);
  assert.throws(
    () => loadSinkConfigs(dbPath),
    refusal(/audit_sinks\.0\.url: holds a password/),
  );
});

test('bad values are refused by name: kind, severity, batch size, duration, duplicate names', () => {
  const cases: [string, RegExp][] = [
    ['{ name: a, kind: kafka }', /kind: "kafka" is not one of/],
    [
      '{ name: a, kind: gateway_jsonl, min_severity: LOUD }',
      /min_severity: "LOUD"/,
    ],
    [
      '{ name: a, kind: gateway_jsonl, batch_size: 0 }',
      /batch_size: expected a whole number from 1/,
    ],
    [
      '{ name: a, kind: gateway_jsonl, timeout: soon }',
      /timeout: expected a duration/,
    ],
    ['{ name: "a b", kind: gateway_jsonl }', /name: "a b" may hold only/],
    [
      '{ name: a, kind: http_jsonl, url: "ftp://x/y" }',
      /url: expected a http: or https: URL/,
    ],
  ];
  for (const [entry, pattern] of cases) {
    const { dbPath } = folderWithConfig(`audit_sinks:\n  - ${entry}\n`);
    assert.throws(() => loadSinkConfigs(dbPath), refusal(pattern), entry);
  }
  const { dbPath } = folderWithConfig(
    'audit_sinks:\n  - { name: a, kind: gateway_jsonl }\n',
  );
  assert.throws(
    () =>
      loadSinkConfigs(dbPath, {
        sinks: [{ name: 'a', kind: 'gateway_jsonl' }],
      }),
    refusal(/two sinks are named "a"/),
  );
});

test('a missing secret fails the open before the database is created', async () => {
  const folder = tempDir();
  const dbPath = path.join(folder, 'audit.db');
  await assert.rejects(
    openAuditStore({
      path: dbPath,
      sinks: [
        {
          name: 'hec',
          kind: 'splunk_hec',
          url: 'http://127.0.0.1:1/e',
          tokenEnv: 'NO_SUCH_TOKEN_VAR',
        },
      ],
    }),
    refusal(/sink hec: the environment variable NO_SUCH_TOKEN_VAR is not set/),
  );
  assert.equal(fs.existsSync(dbPath), false);
});

test('an explicit config file that does not exist is NOT_FOUND; false reads none', async () => {
  const folder = tempDir();
  const dbPath = path.join(folder, 'audit.db');
  assert.throws(
    () =>
      loadSinkConfigs(dbPath, {
        sinksConfigFile: path.join(folder, 'nope.yaml'),
      }),
    (error) => error instanceof AuditError && error.code === 'NOT_FOUND',
  );
  fs.writeFileSync(
    path.join(folder, 'config.yaml'),
    'audit_sinks: [{ name: x, kind: kafka }]',
  );
  assert.deepEqual(loadSinkConfigs(dbPath, { sinksConfigFile: false }), []);

  const store = await openAuditStore({ path: dbPath, sinksConfigFile: false });
  assert.equal(store.sinks, undefined);
  await store.close();
});

test('sink log entries reach the embedder callback, and nothing is printed', async () => {
  const folder = tempDir();
  const entries: string[] = [];
  const store = await openAuditStore({
    path: path.join(folder, 'audit.db'),
    sinksConfigFile: false,
    sinks: [
      {
        name: 'down',
        kind: 'http_jsonl',
        url: 'http://127.0.0.1:1/x',
        flushIntervalMs: 20,
        retryInitialMs: 5,
        retryMaxMs: 10,
      },
    ],
    onSinkLog: (entry) =>
      entries.push(`${entry.level} ${entry.sinkName} ${entry.message}`),
  });
  try {
    await writeEvents(store, 1);
    await eventually(
      'a warning',
      () => entries.length,
      (n) => n > 0,
    );
    assert.match(entries[0] ?? '', /^warn down retrying: connection failed/);
  } finally {
    await store.close();
  }
});
