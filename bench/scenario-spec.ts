import type { ScenarioGroup, ScenarioResult } from './scenario-result.ts';
import type { Synchronous } from './store-pragmas.ts';

/** What names a scenario in the report, before it has run. */
export interface ScenarioSpec {
  id: string;
  group: ScenarioGroup;
  label: string;
  synchronous: Synchronous;
}

type Figures = Omit<ScenarioResult, keyof ScenarioSpec | 'rows' | 'extra'>;

export function scenarioResult(
  spec: ScenarioSpec,
  figures: Figures,
  rows: ScenarioResult['rows'],
  extra?: Record<string, unknown>,
): ScenarioResult {
  return {
    ...spec,
    ...figures,
    rows,
    ...(extra === undefined ? {} : { extra }),
  };
}
