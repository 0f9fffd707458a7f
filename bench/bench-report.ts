import type { LoopDelay } from './loop-delay-monitor.ts';
import type { MachineInfo } from './machine-info.ts';
import type { ScenarioResult } from './scenario-result.ts';
import type { SuitePlan } from './suite-plan.ts';

/** One target of the issue, checked against this run's figures. */
export interface TargetCheck {
  target: string;
  measured: string;
  holds: boolean;
}

/** Everything one run measured; written as the JSON report. */
export interface BenchReport {
  suite: SuitePlan['name'];
  startedAt: string;
  seconds: number;
  machine: MachineInfo;
  /** 1, 5 and 15-minute load averages when the run started and ended. */
  loadAverage: { start: number[]; end: number[] };
  /** Per synchronous setting; the baselines use exactly the same list. */
  pragmas: Record<string, string[]>;
  /** What the store's write connection reported on open (NORMAL). */
  storePragmas: Record<string, unknown>;
  /** The event-loop delay of this process while idle, before any work. */
  idleLoopDelay: LoopDelay;
  plan: SuitePlan;
  scenarios: ScenarioResult[];
  targets: TargetCheck[];
}

export function findScenario(
  scenarios: ScenarioResult[],
  id: string,
): ScenarioResult | undefined {
  return scenarios.find((scenario) => scenario.id === id);
}

/** events/s of `id` over events/s of `baselineId`; undefined if missing. */
export function throughputRatio(
  scenarios: ScenarioResult[],
  id: string,
  baselineId: string,
): number | undefined {
  const scenario = findScenario(scenarios, id);
  const baseline = findScenario(scenarios, baselineId);
  if (scenario === undefined || baseline === undefined) return undefined;
  return scenario.eventsPerSecond / baseline.eventsPerSecond;
}
