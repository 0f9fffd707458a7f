import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { benchArgs, type BenchArgs } from './bench-args.ts';
import { writeCharts } from './bench-charts.ts';
import { progress } from './bench-log.ts';
import type { BenchReport } from './bench-report.ts';
import { BenchWorkspace } from './bench-workspace.ts';
import { contentionCurve } from './contention-scenario.ts';
import { coreComparison } from './core-comparison.ts';
import { growthRuns } from './growth-scenario.ts';
import { idleLoopDelay } from './idle-loop-delay.ts';
import { machineInfo } from './machine-info.ts';
import { readersComparison } from './readers-scenario.ts';
import { reportText } from './report-text.ts';
import type { ScenarioResult } from './scenario-result.ts';
import { awaitingProducers, fireHose } from './store-drivers.ts';
import { storePragmas } from './store-pragmas.ts';
import { FULL_PLAN, QUICK_PLAN, type SuitePlan } from './suite-plan.ts';
import { targetChecks } from './target-checks.ts';
import { warmUp } from './warm-up.ts';

/**
 * `npm run bench` (full) and `npm run bench:quick`: runs the scenarios,
 * prints the report on stdout, writes the JSON and the charts.
 */
async function main(args: BenchArgs): Promise<void> {
  const plan = args.quick ? QUICK_PLAN : FULL_PLAN;
  const workspace = new BenchWorkspace();
  const stopOnSignal = () => {
    workspace.cleanup();
    process.exit(130);
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  try {
    progress(`${plan.name} suite; databases under ${workspace.root}`);
    const idle = await idleLoopDelay(2000);
    const reportedPragmas = await warmUp(workspace);
    const scenarios = await runGroups(workspace, plan, args);
    const report: BenchReport = {
      suite: plan.name,
      startedAt: startedAt.toISOString(),
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      machine: machineInfo(workspace.root),
      loadAverage: { start: loadAtStart, end: os.loadavg() },
      pragmas: Object.fromEntries(
        plan.core.synchronous.map((sync) => [sync, storePragmas(sync, 5000)]),
      ),
      storePragmas: reportedPragmas,
      idleLoopDelay: idle,
      plan,
      scenarios,
      targets: targetChecks(scenarios, plan.core.synchronous),
    };
    process.stdout.write(reportText(report));
    writeOutputs(report, args);
  } finally {
    workspace.cleanup();
  }
}

async function runGroups(
  workspace: BenchWorkspace,
  plan: SuitePlan,
  args: BenchArgs,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  const wanted = new Set(args.groups);
  if (wanted.has('core')) {
    results.push(...(await coreComparison(workspace, plan.core)));
  }
  if (wanted.has('contention')) {
    progress('contention');
    results.push(...(await contentionCurve(workspace, plan.contention)));
  }
  if (wanted.has('readers')) {
    progress('live readers');
    for (const workload of plan.readers.workloads) {
      results.push(
        ...(await readersComparison(workspace, plan.readers, {
          key: workload,
          label:
            workload === 'producers'
              ? `${plan.core.producers} producers`
              : 'fire-hose',
          drive: (ctx) =>
            workload === 'producers'
              ? awaitingProducers(ctx, plan.core.producers)
              : fireHose(
                  ctx,
                  plan.core.fireHose.chunk,
                  plan.core.fireHose.maxOutstanding,
                ),
        })),
      );
    }
  }
  if (wanted.has('growth')) {
    progress(`growth to ${plan.growth.rows.toLocaleString('en-US')} rows`);
    results.push(...(await growthRuns(workspace, plan.growth)));
  }
  return results;
}

function writeOutputs(report: BenchReport, args: BenchArgs): void {
  if (args.jsonPath !== undefined) {
    fs.mkdirSync(path.dirname(args.jsonPath), { recursive: true });
    fs.writeFileSync(args.jsonPath, JSON.stringify(report, null, 2) + '\n');
    progress(`figures written to ${args.jsonPath}`);
  }
  for (const file of writeCharts(report, args.outDir)) {
    progress(`chart written to ${file}`);
  }
}

await main(benchArgs(process.argv.slice(2)));
