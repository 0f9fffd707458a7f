import {
  findScenario,
  throughputRatio,
  type TargetCheck,
} from './bench-report.ts';
import type { ScenarioResult } from './scenario-result.ts';
import type { Synchronous } from './store-pragmas.ts';

/**
 * The targets against this run. A target whose scenario did not
 * run is left out rather than reported as met.
 */
export function targetChecks(
  scenarios: ScenarioResult[],
  synchronousModes: Synchronous[],
): TargetCheck[] {
  const checks: (TargetCheck | undefined)[] = [];
  for (const sync of synchronousModes) {
    checks.push(
      minimumRatio(
        scenarios,
        `store.producers-64.${sync}`,
        `baseline.autocommit.${sync}`,
        2,
      ),
      minimumRatio(
        scenarios,
        `store.fire-hose.${sync}`,
        `baseline.transactions.${sync}`,
        0.8,
      ),
      minimumRatio(
        scenarios,
        `store.batch.${sync}`,
        `baseline.transactions.${sync}`,
        0.8,
      ),
      loopDelay(scenarios, `store.fire-hose.${sync}`, 10),
    );
  }
  checks.push(noBusyErrors(scenarios), ...readerChecks(scenarios));
  return checks.filter((check) => check !== undefined);
}

function minimumRatio(
  scenarios: ScenarioResult[],
  id: string,
  baselineId: string,
  minimum: number,
): TargetCheck | undefined {
  const value = throughputRatio(scenarios, id, baselineId);
  if (value === undefined) return undefined;
  return {
    target: `${id} >= ${minimum}x ${baselineId}`,
    measured: `${value.toFixed(2)}x`,
    holds: value >= minimum,
  };
}

function loopDelay(
  scenarios: ScenarioResult[],
  id: string,
  maxMs: number,
): TargetCheck | undefined {
  const scenario = findScenario(scenarios, id);
  if (scenario === undefined) return undefined;
  const p99 = scenario.loopDelay.p99Ms;
  return {
    target: `${id} event-loop delay p99 < ${maxMs} ms`,
    measured: `${p99.toFixed(1)} ms (max ${scenario.loopDelay.maxMs.toFixed(1)} ms)`,
    holds: p99 < maxMs,
  };
}

function noBusyErrors(scenarios: ScenarioResult[]): TargetCheck | undefined {
  const scenario = findScenario(scenarios, 'contention.5000');
  if (scenario === undefined) return undefined;
  const busy = scenario.errors['BUSY'] ?? 0;
  return {
    target: 'busy_timeout 5000 ms against a contending writer: 0 BUSY errors',
    measured: `${busy} BUSY errors of ${scenario.events + busy} calls`,
    holds: busy === 0,
  };
}

function readerChecks(scenarios: ScenarioResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const scenario of scenarios) {
    if (!scenario.id.startsWith('readers.') || !scenario.id.endsWith('.with')) {
      continue;
    }
    const alone = scenario.id.replace(/\.with$/, '.without');
    const value = throughputRatio(scenarios, scenario.id, alone);
    if (value !== undefined) {
      checks.push({
        target: `${scenario.id}: live readers cost the writer <= 20%`,
        measured: `${(value * 100).toFixed(0)}% of its throughput alone`,
        holds: value >= 0.8,
      });
    }
    checks.push(walUnderLimit(scenario));
  }
  return checks;
}

function walUnderLimit(scenario: ScenarioResult): TargetCheck {
  const max = Number(scenario.extra?.['walMaxBytes'] ?? 0);
  const limit = Number(scenario.extra?.['walLimitBytes'] ?? 0);
  return {
    target: `${scenario.id}: -wal stays under its limit`,
    measured: `max ${(max / 2 ** 20).toFixed(1)} MiB of ${(limit / 2 ** 20).toFixed(0)} MiB`,
    holds: max < limit,
  };
}
