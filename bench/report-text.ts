import { throughputRatio, type BenchReport } from './bench-report.ts';
import type { ScenarioResult } from './scenario-result.ts';
import { contentionTable, growthTable, readersTable } from './group-tables.ts';
import { reportHeader } from './report-header.ts';
import { count, ms, ratio, textTable } from './text-table.ts';

/** The report as people read it on stdout. */
export function reportText(report: BenchReport): string {
  const sections = [
    reportHeader(report),
    coreTable(report.scenarios),
    contentionTable(report.scenarios),
    readersTable(report.scenarios),
    growthTable(report.scenarios),
    targetsList(report),
  ];
  return sections.filter((s) => s !== '').join('\n\n') + '\n';
}

function coreTable(scenarios: ScenarioResult[]): string {
  const rows = scenarios
    .filter((s) => s.group === 'baseline' || s.group === 'store')
    .map((s) => [
      s.label,
      s.synchronous,
      count(s.rows.after),
      count(s.eventsPerSecond),
      ratio(
        throughputRatio(
          scenarios,
          s.id,
          `baseline.autocommit.${s.synchronous}`,
        ),
      ),
      ratio(
        throughputRatio(
          scenarios,
          s.id,
          `baseline.transactions.${s.synchronous}`,
        ),
      ),
      ms(s.latencyMs.p50),
      ms(s.latencyMs.p99),
      ms(s.loopDelay.p99Ms),
      ms(s.loopDelay.maxMs),
      s.cpu.usPerEvent.toFixed(0),
      s.cpu.loadAverage.toFixed(1),
    ]);
  if (rows.length === 0) return '';
  return textTable(
    [
      'scenario',
      'sync',
      'rows',
      'events/s',
      'x autocommit',
      'x ceiling',
      'p50 ms',
      'p99 ms',
      'loop p99 ms',
      'loop max ms',
      'cpu us/event',
      'load',
    ],
    rows,
  );
}

function targetsList(report: BenchReport): string {
  if (report.targets.length === 0) return '';
  return [
    'targets',
    ...report.targets.map(
      (t) => `  ${t.holds ? 'holds ' : 'MISSED'}  ${t.target}: ${t.measured}`,
    ),
  ].join('\n');
}
