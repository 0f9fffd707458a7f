/**
 * Do writers keep their throughput while a sink is down, and while one
 * catches up on a backlog? Each scenario opens a store holding the same
 * backlog, runs concurrent producers for a fixed time, and reports their
 * commits per second beside what the sink delivered meanwhile.
 *
 *   node --import tsx bench/sink-backlog-writers.ts [--seconds 5]
 *     [--backlog 100000] [--producers 32] [--rounds 3] [--json results.json]
 *
 * The machine drifts 20-30% from run to run, so the scenarios run in
 * interleaved rounds, each starting with a different one, and the median
 * of each is reported. Run it on a quiet machine: other processes on the
 * same cores swamp the differences it looks for.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import {
  openAuditStore,
  type AuditEventInput,
  type AuditStore,
  type OpenReport,
  type SinkConfig,
} from '../src/index.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    backlog: { type: 'string', default: '100000' },
    producers: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '3' },
    json: { type: 'string' },
  },
});
const SECONDS = Number(values.seconds);
const BACKLOG = Number(values.backlog);
const PRODUCERS = Number(values.producers);
const ROUNDS = Number(values.rounds);

interface Result {
  scenario: string;
  writesPerSecond: number;
  p99WriteMs: number;
  deliveredPerSecond: number;
  backlogLeft: number | null;
}

function event(i: number): AuditEventInput {
  return {
    action: i % 3 === 0 ? 'guardrail-block' : 'tool-call',
    severity: i % 5 === 0 ? 'HIGH' : 'INFO',
    target: `skill:bench-${i % 50}`,
    details: `bench event ${i} `.padEnd(600, 'x'),
    structured: { index: i, verdict: 'allow', rule: 'PI-001' },
    requestId: `req-${i}-${Math.random().toString(36).slice(2)}`,
    sessionId: `session-${i % 40}`,
    toolName: 'shell.exec',
  };
}

/** What the store reported on open: SQLite's version and the pragmas. */
let opened: OpenReport | undefined;

async function preload(dbPath: string): Promise<void> {
  const store = await openAuditStore({ path: dbPath, sinksConfigFile: false });
  opened = store.openReport;
  for (let i = 0; i < BACKLOG; i += 5000) {
    const count = Math.min(5000, BACKLOG - i);
    await store.recordEvents(
      Array.from({ length: count }, (_, j) => event(i + j)),
    );
  }
  await store.close();
}

/** Producers each awaiting their own commit, as gateway requests do. */
async function produce(
  store: AuditStore,
): Promise<{ writes: number; p99: number }> {
  const deadline = performance.now() + SECONDS * 1000;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: PRODUCERS }, async (_, p) => {
      for (let i = p; performance.now() < deadline; i += PRODUCERS) {
        const started = performance.now();
        await store.recordEvent(event(BACKLOG + i));
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
  return { writes: latencies.length, p99 };
}

/**
 * Waits until the read pool runs and each sink has made its first read:
 * started from the TypeScript sources, a pool thread compiles its code
 * first, which under load takes seconds that belong to no scenario.
 */
async function warmUp(store: AuditStore): Promise<void> {
  await store.read({ kind: 'max-event-rowid' });
  const deadline = Date.now() + 60_000;
  const unread = () =>
    store.sinks?.status().some((sink) => sink.queueDepth === undefined);
  while (unread() === true && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function runScenario(
  scenario: string,
  sinks: SinkConfig[],
): Promise<Result> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-sink-bench-'));
  try {
    const dbPath = path.join(folder, 'audit.db');
    await preload(dbPath);
    const store = await openAuditStore({
      path: dbPath,
      sinks,
      sinksConfigFile: false,
    });
    await warmUp(store);
    const before = store.sinks?.status()[0]?.cursor ?? 0;
    const { writes, p99 } = await produce(store);
    const status = store.sinks?.status()[0];
    await store.close();
    return {
      scenario,
      writesPerSecond: Math.round(writes / SECONDS),
      p99WriteMs: Number(p99.toFixed(2)),
      deliveredPerSecond: Math.round(
        ((status?.cursor ?? before) - before) / SECONDS,
      ),
      backlogLeft: status?.queueDepth ?? null,
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** A port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startReceiver(): Promise<{ url: string; stop(): void }> {
  const file = fileURLToPath(
    new URL('./sink-backlog-receiver.ts', import.meta.url),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [port] = await createInterface({ input: child.stdout })
    [Symbol.asyncIterator]()
    .next()
    .then((r) => [r.value as string]);
  return { url: `http://127.0.0.1:${port}/ingest`, stop: () => child.kill() };
}

async function main(): Promise<void> {
  const receiver = await startReceiver();
  const common = { flushIntervalMs: 100, batchSize: 1000 };
  const scenarios: [string, SinkConfig[]][] = [
    ['no sink', []],
    [
      'http sink down (refused)',
      [
        {
          name: 'down',
          kind: 'http_jsonl',
          url: `http://127.0.0.1:${await closedPort()}/ingest`,
          ...common,
        },
      ],
    ],
    [
      'http sink catching up',
      [{ name: 'up', kind: 'http_jsonl', url: receiver.url, ...common }],
    ],
    [
      'gateway.jsonl catching up',
      [{ name: 'log', kind: 'gateway_jsonl', ...common }],
    ],
  ];
  const rounds: Result[][] = scenarios.map(() => []);
  try {
    // Each round starts with a different scenario, so that none always
    // runs first (or last) in a machine that drifts.
    for (let round = 0; round < ROUNDS; round++) {
      for (let step = 0; step < scenarios.length; step++) {
        const index = (round + step) % scenarios.length;
        const [name, sinks] = scenarios[index]!;
        rounds[index]?.push(await runScenario(name, sinks));
      }
    }
  } finally {
    receiver.stop();
  }
  const results = rounds.map(median);
  report(results);
  if (values.json !== undefined)
    fs.writeFileSync(
      values.json,
      `${JSON.stringify({ machine: machine(), results, rounds }, null, 2)}\n`,
    );
}

/** The round with the median writer throughput. */
function median(results: Result[]): Result {
  const sorted = [...results].sort(
    (a, b) => a.writesPerSecond - b.writesPerSecond,
  );
  return sorted[Math.floor(sorted.length / 2)] as Result;
}

function machine(): Record<string, unknown> {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    sqlite: opened?.sqliteVersion,
    pragmas: Object.entries(opened?.pragmas ?? {})
      .map(([name, value]) => `${name}=${String(value)}`)
      .join(' '),
    seconds: SECONDS,
    backlog: BACKLOG,
    producers: PRODUCERS,
    rounds: ROUNDS,
  };
}

function report(results: Result[]): void {
  const base = results[0]?.writesPerSecond ?? 1;
  const m = machine();
  console.log(
    `${m['cpus']} x ${m['cpuModel']}, Node ${m['node']}, ` +
      `SQLite ${m['sqlite']}, ${m['pragmas']}`,
  );
  console.log(
    `${PRODUCERS} producers each awaiting its commit, ${SECONDS} s per ` +
      `scenario, backlog ${BACKLOG} events, median of ${ROUNDS} rounds\n`,
  );
  console.log(
    'scenario                    writes/s  vs none  p99 write ms  delivered/s  backlog left',
  );
  for (const r of results) {
    const cells = [
      r.writesPerSecond,
      (r.writesPerSecond / base).toFixed(2),
      r.p99WriteMs,
      r.deliveredPerSecond,
      r.backlogLeft ?? '-',
    ].map((cell, i) => String(cell).padStart([8, 7, 12, 11, 12][i] ?? 0));
    console.log(`${r.scenario.padEnd(26)}  ${cells.join('  ')}`);
  }
}

await main();
