import fs from 'node:fs';
import path from 'node:path';

import { findScenario, type BenchReport } from './bench-report.ts';
import type { ScenarioResult } from './scenario-result.ts';
import type { GrowthSegment } from './segmented-measurement.ts';
import { lineChartSvg, type LineChart } from './svg-line-chart.ts';
import type { WalSample } from './wal-sampler.ts';

/** Writes each chart the run has data for; returns the files written. */
export function writeCharts(report: BenchReport, outDir: string): string[] {
  const charts: [string, LineChart | undefined][] = [
    ['busy-timeout.svg', busyTimeoutChart(report)],
    ['growth.svg', growthChart(report)],
    ['wal-size.svg', walChart(report)],
  ];
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const [name, chart] of charts) {
    if (chart === undefined) continue;
    const file = path.join(outDir, name);
    fs.writeFileSync(file, lineChartSvg(chart));
    written.push(file);
  }
  return written;
}

function subtitle(report: BenchReport): string {
  const m = report.machine;
  return (
    `${report.suite} suite, ${m.cpus} cores, ${m.memoryGiB} GiB, ` +
    `node ${m.node}, SQLite ${m.sqlite}, ${report.startedAt}`
  );
}

function busyTimeoutChart(report: BenchReport): LineChart | undefined {
  const points = report.scenarios.filter(
    (s) => s.group === 'contention' && s.id !== 'contention.none',
  );
  if (points.length === 0) return undefined;
  const alone = findScenario(report.scenarios, 'contention.none');
  const busyPerSecond = (s: ScenarioResult) =>
    (s.errors['BUSY'] ?? 0) / s.seconds;
  return {
    title: 'Throughput against busy_timeout, another process writing',
    subtitle: subtitle(report),
    xLabel: 'busy_timeout (ms)',
    yLabel: 'calls per second',
    xCategories: points.map((s) => String(s.extra?.['busyTimeoutMs'])),
    series: [
      {
        name: 'committed events/s',
        points: points.map((s, i) => [i, s.eventsPerSecond]),
      },
      {
        name: 'BUSY errors/s',
        points: points.map((s, i) => [i, busyPerSecond(s)]),
      },
    ],
    guides: alone ? [{ y: alone.eventsPerSecond, label: 'no contender' }] : [],
  };
}

function growthChart(report: BenchReport): LineChart | undefined {
  const series = [
    ['store fire-hose', 'growth.fire-hose'],
    ['ceiling (10k-row tx)', 'growth.transactions'],
  ].map(([name, id]) => ({
    name: name as string,
    points: segments(findScenario(report.scenarios, id as string)).map(
      (s): [number, number] => [s.rows, s.eventsPerSecond],
    ),
  }));
  if (series.every((s) => s.points.length === 0)) return undefined;
  return {
    title: 'Throughput against table size',
    subtitle: subtitle(report),
    xLabel: 'rows in audit_events',
    yLabel: 'events per second (per segment)',
    series,
  };
}

function walChart(report: BenchReport): LineChart | undefined {
  const runs = report.scenarios.filter((s) => s.group === 'readers');
  if (runs.length === 0) return undefined;
  const limit = Number(runs[0]?.extra?.['walLimitBytes'] ?? 0);
  return {
    title: 'Size of the -wal file over time',
    subtitle: subtitle(report),
    xLabel: 'seconds',
    yLabel: 'MiB',
    series: runs.map((s) => ({
      name: s.id.replace(/^readers\./, ''),
      points: ((s.extra?.['walSamples'] as WalSample[] | undefined) ?? []).map(
        ([seconds, bytes]): [number, number] => [seconds, bytes / 2 ** 20],
      ),
    })),
    guides: [{ y: limit / 2 ** 20, label: 'walLimitBytes' }],
    formatY: (value) => value.toFixed(0),
  };
}

function segments(scenario: ScenarioResult | undefined): GrowthSegment[] {
  return (scenario?.extra?.['segments'] as GrowthSegment[] | undefined) ?? [];
}
