import {
  findScenario,
  throughputRatio,
  type BenchReport,
} from './bench-report.ts';
import type { ContenderReport } from './contending-writer.ts';
import type { ScenarioResult } from './scenario-result.ts';
import type { GrowthSegment } from './segmented-measurement.ts';
import { count, mebibytes, ms, ratio, textTable } from './text-table.ts';

/** The report as people read it on stdout. */
export function reportText(report: BenchReport): string {
  const sections = [
    header(report),
    coreTable(report.scenarios),
    contentionTable(report.scenarios),
    readersTable(report.scenarios),
    growthTable(report.scenarios),
    targetsList(report),
  ];
  return sections.filter((s) => s !== '').join('\n\n') + '\n';
}

function header(report: BenchReport): string {
  const { machine } = report;
  const packages = Object.entries(machine.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const pragmas = Object.entries(report.pragmas)
    .map(([sync, list]) => `  ${sync}: ${list.join('; ')}`)
    .join('\n');
  return [
    `defenseclaw-audit bench, ${report.suite} suite, ${report.startedAt}, ${report.seconds.toFixed(0)} s`,
    `machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}`,
    `node ${machine.node}, SQLite ${machine.sqlite}; ${packages}`,
    `load average (1/5/15 min): ${load(report.loadAverage.start)} at the start, ${load(report.loadAverage.end)} at the end; above ${machine.cpus}, other work shared the cores`,
    `databases: ${machine.fileSystem} under ${machine.tempDir}; each scenario starts from an empty migrated database`,
    'pragmas, the same for the store and both baselines:',
    pragmas,
    `  the store's connection reported: ${JSON.stringify(report.storePragmas)}`,
    `event-loop delay of this process while idle: p99 ${report.idleLoopDelay.p99Ms.toFixed(1)} ms, max ${report.idleLoopDelay.maxMs.toFixed(1)} ms (the machine's floor)`,
    'events: every audit_events column filled, ~300-byte details, a JSON structured payload, random request/trace ids',
  ].join('\n');
}

function load(values: number[]): string {
  return values.map((v) => v.toFixed(1)).join('/');
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
      'cpu us/event',
      'load',
    ],
    rows,
  );
}

function contentionTable(scenarios: ScenarioResult[]): string {
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
      contender
        ? `${((contender.heldMs / 1000 / contender.seconds) * 100).toFixed(0)}%`
        : '-',
    ];
  });
  return [
    'contention: 64 producers while another process holds the write lock (transactions as set in the plan)',
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

function readersTable(scenarios: ScenarioResult[]): string {
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
    'live readers: severity counts over 24 h and 100-row pages, without pause, on the read pool',
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

function growthTable(scenarios: ScenarioResult[]): string {
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

function targetsList(report: BenchReport): string {
  if (report.targets.length === 0) return '';
  return [
    'targets',
    ...report.targets.map(
      (t) => `  ${t.holds ? 'holds ' : 'MISSED'}  ${t.target}: ${t.measured}`,
    ),
  ].join('\n');
}
