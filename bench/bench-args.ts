import path from 'node:path';
import { parseArgs } from 'node:util';

export const GROUPS = ['core', 'contention', 'readers', 'growth'] as const;
export type BenchGroup = (typeof GROUPS)[number];

export interface BenchArgs {
  quick: boolean;
  /** Where to write the JSON report, if anywhere. */
  jsonPath?: string;
  /** Folder for the SVG charts. */
  outDir: string;
  groups: BenchGroup[];
}

const USAGE = `usage: node --import tsx bench/run-bench.ts [options]
  --quick        every scenario, small enough to finish in under a minute
  --json PATH    also write every figure as JSON to PATH
  --out DIR      folder for the SVG charts (default: bench-results)
  --only LIST    comma-separated groups: ${GROUPS.join(',')}`;

/** Parses argv; prints usage and exits on --help or a bad option. */
export function benchArgs(argv: string[]): BenchArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        json: { type: 'string' },
        out: { type: 'string', default: 'bench-results' },
        only: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    exitWithUsage(String((error as Error).message));
  }
  if (values.help) exitWithUsage();

  return {
    quick: values.quick,
    ...(values.json === undefined
      ? {}
      : { jsonPath: path.resolve(values.json) }),
    outDir: path.resolve(values.out),
    groups: parseGroups(values.only),
  };
}

function parseGroups(only: string | undefined): BenchGroup[] {
  if (only === undefined) return [...GROUPS];
  const groups = only.split(',').map((g) => g.trim());
  for (const group of groups) {
    if (!(GROUPS as readonly string[]).includes(group)) {
      exitWithUsage(`unknown group "${group}"`);
    }
  }
  return groups as BenchGroup[];
}

function exitWithUsage(problem?: string): never {
  if (problem !== undefined) process.stderr.write(`${problem}\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(problem === undefined ? 0 : 2);
}
