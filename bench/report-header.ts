import type { BenchReport } from './bench-report.ts';

/** What the figures were measured on and with, before any figure. */
export function reportHeader(report: BenchReport): string {
  const { machine, idleLoopDelay: idle } = report;
  const packages = Object.entries(machine.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const pragmas = Object.entries(report.pragmas).map(
    ([sync, list]) => `  ${sync}: ${list.join('; ')}`,
  );
  return [
    `defenseclaw-audit bench, ${report.suite} suite, ` +
      `${report.startedAt}, ${report.seconds.toFixed(0)} s`,
    `machine: ${machine.cpus} cores (${machine.cpuModel}), ` +
      `${machine.memoryGiB} GiB, ${machine.os}`,
    `node ${machine.node}, SQLite ${machine.sqlite}; ${packages}`,
    `load average (1/5/15 min): ${load(report.loadAverage.start)} at the ` +
      `start, ${load(report.loadAverage.end)} at the end ` +
      `(above ${machine.cpus}, other work shared the cores)`,
    `event-loop delay of this process while idle: ` +
      `p99 ${idle.p99Ms.toFixed(1)} ms, max ${idle.maxMs.toFixed(1)} ms`,
    `databases: ${machine.fileSystem} under ${machine.tempDir}; ` +
      'each scenario starts from an empty migrated database',
    'pragmas, the same for the store and both baselines:',
    ...pragmas,
    `  the store's connection reported: ${JSON.stringify(report.storePragmas)}`,
    'events: every audit_events column filled, ~300-byte details, ' +
      'a JSON structured payload, random request and trace ids',
  ].join('\n');
}

function load(values: number[]): string {
  return values.map((v) => v.toFixed(1)).join('/');
}
