import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';

import {
  LineCollector,
  exitOf,
  parseLines,
  runCli,
  sampleEvents,
  seedEvents,
  startCli,
} from './fixtures/cli-harness.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

test('tail shows the newest events, oldest of them first', async () => {
  const db = tempDbPath();
  const events = sampleEvents(30);
  await seedEvents(db, events);

  const table = await runCli(['tail', '--db', db, '-n', '3']);
  const json = await runCli(['tail', '--db', db, '--lines', '4', '--json']);

  assert.equal(table.code, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.deepEqual(
    lines.map((line) => line.split(/\s+/).at(-1)),
    ['27', '28', '29'],
  );
  assert.match(
    lines[0] ?? '',
    /^\d{4}-\d{2}-\d{2}T\S+Z\s+(INFO|LOW|MEDIUM|HIGH|CRITICAL)\s+\S+/,
  );
  assert.deepEqual(
    parseLines(json.stdout).map((event) => event['id']),
    events.slice(-4).map((event) => event.id),
  );
});

test('tail filters by action and severity', async () => {
  const db = tempDbPath();
  await seedEvents(db, sampleEvents(50));

  const { code, stdout } = await runCli([
    'tail',
    '--db',
    db,
    '-n',
    '5',
    '--json',
    '--action',
    'guardrail-*',
    '--severity',
    'MEDIUM',
  ]);

  assert.equal(code, 0);
  const events = parseLines(stdout);
  assert.equal(events.length, 5);
  for (const event of events) {
    assert.match(String(event['action']), /^guardrail-/);
    assert.ok(
      ['MEDIUM', 'HIGH', 'CRITICAL'].includes(String(event['severity'])),
    );
  }
});

test(
  'tail --follow prints events as another process commits them, in commit order, and exits 0 on SIGTERM',
  { timeout: 120_000 },
  async () => {
    const db = tempDbPath();
    await seedEvents(db, sampleEvents(5));
    const tail = startCli([
      'tail',
      '--db',
      db,
      '--follow',
      '-n',
      '2',
      '--json',
      '--interval',
      '50',
    ]);
    let stderr = '';
    tail.stderr
      ?.setEncoding('utf8')
      .on('data', (text: string) => (stderr += text));
    const output = new LineCollector(tail.stdout!);
    await output.waitFor(
      (lines) => lines.length === 2,
      'the two newest events',
    );

    const writer = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/fixtures/cli-writer.ts', db, '40', '1'],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    await output.waitFor((lines) => lines.length === 42, 'the 40 new events');
    assert.equal(await exitOf(writer), 0);
    tail.kill('SIGTERM');

    assert.equal(await exitOf(tail), 0);
    assert.equal(stderr, '');
    const ids = output.lines.map(
      (line) => (JSON.parse(line) as { id: string }).id,
    );
    assert.deepEqual(ids.slice(0, 2), ['event-000003', 'event-000004']);
    assert.deepEqual(
      ids.slice(2),
      Array.from(
        { length: 40 },
        (_, i) => `writer-${String(i).padStart(7, '0')}`,
      ),
    );
  },
);

test(
  'tail --follow applies its filters to new events too',
  { timeout: 120_000 },
  async () => {
    const db = tempDbPath();
    await seedEvents(db, sampleEvents(1));
    const tail = startCli([
      'tail',
      '--db',
      db,
      '-f',
      '--json',
      '--interval',
      '50',
      '--action',
      'guardrail-block',
    ]);
    const output = new LineCollector(tail.stdout!);
    // Whether tail reads its starting point before or after these commits,
    // each matching event shows once: among the newest, or as it follows.
    const writer = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/fixtures/cli-writer.ts', db, '3', '2'],
      {
        stdio: ['pipe', 'ignore', 'inherit'],
      },
    );
    assert.equal(await exitOf(writer), 0);
    await seedEvents(db, [
      { id: 'not-a-block', action: 'scan' },
      { id: 'last-block', action: 'guardrail-block' },
    ]);

    await output.waitFor(
      (lines) => lines.some((line) => line.includes('last-block')),
      'the last block',
    );
    tail.kill('SIGINT');

    assert.equal(await exitOf(tail), 0);
    const ids = output.lines.map(
      (line) => (JSON.parse(line) as { id: string }).id,
    );
    assert.ok(!ids.includes('not-a-block'));
    assert.ok(
      ids.every((id) => id.startsWith('writer-') || id === 'last-block'),
    );
  },
);

test(
  'tail --follow piped into a reader that stops early exits 0',
  { timeout: 120_000 },
  async () => {
    const db = tempDbPath();
    await seedEvents(db, sampleEvents(3));
    const tail = startCli([
      'tail',
      '--db',
      db,
      '-f',
      '-n',
      '3',
      '--interval',
      '50',
    ]);
    let stderr = '';
    tail.stderr
      ?.setEncoding('utf8')
      .on('data', (text: string) => (stderr += text));
    const output = new LineCollector(tail.stdout!);
    await output.waitFor((lines) => lines.length === 3, 'the first lines');
    tail.stdout?.destroy();

    // The closed pipe shows on the next write, as with tail -f | head.
    await seedEvents(
      db,
      sampleEvents(1, Date.now()).map((e) => ({ ...e, id: 'wakes-tail' })),
    );

    assert.equal(await exitOf(tail), 0);
    assert.equal(stderr, '');
  },
);
