// The long variants of the reliability tests: the same test files, with
// more crash rounds, a longer load run and more generated inputs than CI
// can afford. Usage (see README, "Guarantees"):
//
//   npm run soak                       # 200 kills per mode, 5 min of load
//   npm run soak -- --rounds 500 --load-seconds 900 --runs 5000
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '200' },
    'load-seconds': { type: 'string', default: '300' },
    runs: { type: 'string', default: '2000' },
    'cli-runs': { type: 'string', default: '200' },
  },
});

const settings = {
  CRASH_ROUNDS: values.rounds,
  LOAD_SECONDS: values['load-seconds'],
  BAD_INPUT_RUNS: values.runs,
  CLI_BAD_INPUT_RUNS: values['cli-runs'],
};
process.stderr.write(`soak: ${JSON.stringify(settings)}\n`);

// One file at a time, so the load figures are not shared with a crash run.
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-timeout=0',
    'test/reliability-crash.test.ts',
    'test/reliability-load.test.ts',
    'test/reliability-bad-input-library.test.ts',
    'test/reliability-bad-input-rpc.test.ts',
    'test/reliability-bad-input-filters.test.ts',
    'test/reliability-bad-input-cli.test.ts',
    'test/reliability-disk-full.test.ts',
    'test/reliability-writer-death.test.ts',
  ],
  { stdio: 'inherit', env: { ...process.env, ...settings } },
);
process.exitCode = result.status ?? 1;
