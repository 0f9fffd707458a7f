import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import {
  binPath,
  parseLines,
  runCli,
  sampleEvents,
  seedEvents,
  type Bin,
} from './fixtures/cli-harness.ts';
import { tempDir } from './helpers/temp-dir.ts';

const COMMANDS = ['export', 'log-activity', 'tail', 'query', 'stats', 'doctor'];

test('the command lines of the original documentation work as written', async () => {
  const home = tempDir();
  await seedEvents(path.join(home, 'audit.db'), sampleEvents(1_200));
  fs.writeFileSync(
    path.join(home, 'activity.json'),
    '{"action": "config-update", "reason": "raise the judge timeout", "before": {"timeout": 5}, "after": {"timeout": 10}}',
  );
  const as = (bin: Bin, line: string) =>
    runCli(line.split(' ').slice(1), {
      bin,
      cwd: home,
      env: { DEFENSECLAW_HOME: home },
    });

  const logged = await as(
    'defenseclaw',
    'defenseclaw audit log-activity --payload-file activity.json',
  );
  const first = await as(
    'defenseclaw-gateway',
    'defenseclaw-gateway audit export --output audit-events.jsonl --limit 1000',
  );
  const combined = await as(
    'defenseclaw-gateway',
    'defenseclaw-gateway audit export --include-activity --output combined-events.jsonl',
  );

  for (const result of [logged, first, combined])
    assert.equal(result.code, 0, result.stderr);
  assert.equal(
    parseLines(fs.readFileSync(path.join(home, 'audit-events.jsonl'), 'utf8'))
      .length,
    1000,
  );
  const lines = parseLines(
    fs.readFileSync(path.join(home, 'combined-events.jsonl'), 'utf8'),
  );
  assert.equal(
    lines.length,
    1_200 + 1 + 1,
    'every event, the activity event, and the activity row',
  );
  assert.deepEqual(lines.at(-1)?.['after'], { timeout: 10 });
  assert.equal(lines.at(-2)?.['details'], 'raise the judge timeout');
});

test('defenseclaw audit and defenseclaw-gateway audit offer the commands of defenseclaw-audit', async () => {
  for (const bin of ['defenseclaw', 'defenseclaw-gateway'] as const) {
    const { code, stdout } = await runCli(['audit', '--help'], { bin });
    assert.equal(code, 0);
    for (const command of COMMANDS)
      assert.match(stdout, new RegExp(`^  ${command} `, 'm'));
  }
  const nested = await runCli(['audit', 'stats', '--help'], {
    bin: 'defenseclaw-gateway',
  });
  assert.match(nested.stdout, /\$ defenseclaw-gateway audit stats --since 7d/);
});

test('every command has --help with examples written for the name it was run as, and takes --db', async () => {
  for (const command of COMMANDS) {
    const { code, stdout, stderr } = await runCli([command, '--help']);
    assert.equal(code, 0, stderr);
    assert.match(
      stdout,
      new RegExp(`^Usage: defenseclaw-audit ${command} `, 'm'),
    );
    assert.match(stdout, /--db <path>/);
    assert.match(
      stdout,
      new RegExp(`Examples:\\n  # .*\\n  \\$ defenseclaw-audit ${command}`),
    );
  }
});

test('usage errors exit 2 with one line on stderr; help and version exit 0', async () => {
  const unknown = await runCli(['exprot']);
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.stderr,
    /^defenseclaw-audit: unknown command 'exprot' \(Did you mean export\?\)/,
  );
  assert.equal(unknown.stderr.trimEnd().split('\n').length, 1);

  const extra = await runCli(['stats', 'now']);
  assert.equal(extra.code, 2);
  assert.match(extra.stderr, /^defenseclaw-audit stats: too many arguments/);

  const nothing = await runCli([], { bin: 'defenseclaw' });
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /Usage: defenseclaw/);

  const version = await runCli(['--version']);
  assert.equal(version.code, 0);
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
    version: string;
  };
  assert.equal(version.stdout.trim(), pkg.version);

  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Exit codes:\n  0 +success/);
});

test('on a terminal, colour shows unless NO_COLOR is set', async (t) => {
  if (!hasScript()) {
    t.skip('util-linux script is needed to give the command a terminal');
    return;
  }
  const home = tempDir();
  await seedEvents(path.join(home, 'audit.db'), sampleEvents(5));
  const onTerminal = (env: NodeJS.ProcessEnv) =>
    execFileSync(
      'script',
      ['-qec', `${process.execPath} ${binPath()} query`, '/dev/null'],
      {
        env: { ...env, DEFENSECLAW_HOME: home },
        encoding: 'utf8',
      },
    );
  const { NO_COLOR: _unset, ...env } = process.env;

  assert.match(onTerminal(env), /\u001b\[1mTIME/);
  const plain = onTerminal({ ...env, NO_COLOR: '1' });
  assert.doesNotMatch(plain, /\u001b\[/);
  assert.match(plain, /TIME\s+SEVERITY/);
});

function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
