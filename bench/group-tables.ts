import { findScenario, throughputRatio } from './bench-report.ts';
import type { ContenderReport } from './contending-writer.ts';
import type { ScenarioResult } from './scenario-result.ts';
import type { GrowthSegment } from './segmented-measurement.ts';
import { count, mebibytes, ms, ratio, textTable } from './text-table.ts';

// The tables of the contention, live-readers and growth scenarios; each
// compares its runs with its own reference rather than with the baselines.

export function contentionTable(scenarios: ScenarioResult[]): string {
  const points = scenarios.filter((s) => s.group === 'contention');
  if (points.length === 0) return '';
  const alone = findScenario(scenarios, 'contention.none');
  const rows = points.map((s) => {
    const contender = s.extra?.['contender'] as ContenderReport | undefined;
    return [
      s.id === 'contention.none'
        ? 'no contender'
        : `${s.extra?.['busyTimeoutMs']} ms`,
      count(s.eventsPerSecond),
      ratio(alone && s.eventsPerSecond / alone.eventsPerSecond),
      ms(s.latencyMs.p50),
      ms(s.latencyMs.p99),
      ms(s.latencyMs.max),
      count(s.errors['BUSY'] ?? 0),
      contender ? count(contender.transactions) : '-',
      contender ? lockShare(contender) : '-',
    ];
  });
  return [
    contentionTitle(points[0]),
    textTable(
      [
        'busy_timeout',
        'events/s',
        'x alone',
        'p50 ms',
        'p99 ms',
        'max ms',
        'BUSY errors',
        'other tx',
        'other lock share',
      ],
      rows,
    ),
  ].join('\n');
}

function contentionTitle(first: ScenarioResult | undefined): string {
  const plan = first?.extra?.['contenderPlan'] as
    | { holdMs: number; dutyCycle: number; rowsPerTransaction: number }
    | undefined;
  if (plan === undefined) return 'contention';
  return (
    'contention: 64 producers while another process holds the write lock ' +
    `in ${plan.holdMs} ms transactions of ${plan.rowsPerTransaction} rows, ` +
    `${Math.round(plan.dutyCycle * 100)}% of the time`
  );
}

/** The share of wall time the other process actually held the lock. */
function lockShare(contender: ContenderReport): string {
  const share = contender.heldMs / 1000 / contender.seconds;
  return `${(share * 100).toFixed(0)}%`;
}

export function readersTable(scenarios: ScenarioResult[]): string {
  const runs = scenarios.filter((s) => s.group === 'readers');
  if (runs.length === 0) return '';
  const rows = runs.map((s) => {
    const alone = s.id.replace(/\.with$/, '.without');
    const extra = s.extra ?? {};
    const rate = (key: string) =>
      typeof extra[key] === 'number' ? (extra[key] as number).toFixed(1) : '-';
    return [
      s.label,
      count(s.eventsPerSecond),
      ratio(throughputRatio(scenarios, s.id, alone)),
      rate('countQueriesPerSecond'),
      rate('pageQueriesPerSecond'),
      mebibytes(Number(extra['walMaxBytes'] ?? 0)),
      mebibytes(Number(extra['walLimitBytes'] ?? 0)),
      ms(s.loopDelay.p99Ms),
    ];
  });
  return [
    'live readers: severity counts over 24 h and 100-row pages, ' +
      'without pause, on the read pool',
    textTable(
      [
        'writer',
        'events/s',
        'x alone',
        'counts/s',
        'pages/s',
        'WAL max MiB',
        'limit MiB',
        'loop p99 ms',
      ],
      rows,
    ),
  ].join('\n');
}

export function growthTable(scenarios: ScenarioResult[]): string {
  const store = segmentsOf(findScenario(scenarios, 'growth.fire-hose'));
  const ceiling = segmentsOf(findScenario(scenarios, 'growth.transactions'));
  if (store.length === 0 && ceiling.length === 0) return '';
  const rows = store.map((segment, i) => {
    const other = ceiling[i];
    return [
      count(segment.rows),
      count(segment.eventsPerSecond),
      other ? count(other.eventsPerSecond) : '-',
      ratio(other && segment.eventsPerSecond / other.eventsPerSecond),
    ];
  });
  return [
    'growth: throughput of each segment as the table grows (NORMAL)',
    textTable(['rows', 'store fire-hose/s', 'ceiling/s', 'x ceiling'], rows),
  ].join('\n');
}

function segmentsOf(scenario: ScenarioResult | undefined): GrowthSegment[] {
  return (scenario?.extra?.['segments'] as GrowthSegment[] | undefined) ?? [];
}
