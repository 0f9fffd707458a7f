import { createHash, randomUUID } from 'node:crypto';

import { v7 } from 'uuid';

import type { AuditEventInput, JsonObject, Severity } from '../src/index.ts';

const ACTIONS = [
  'guardrail-verdict',
  'guardrail-verdict',
  'guardrail-allow',
  'guardrail-allow',
  'guardrail-block',
  'guardrail-warn',
  'tool-call',
  'tool-result',
  'egress-allow',
  'llm-judge-response',
] as const;

const SEVERITIES: Severity[] = [
  'INFO',
  'INFO',
  'INFO',
  'LOW',
  'LOW',
  'WARN',
  'MEDIUM',
  'HIGH',
  'CRITICAL',
];

const TOOLS = ['shell.exec', 'fs.read', 'fs.write', 'http.fetch', 'git.push'];
const CONNECTORS = ['openclaw', 'claude-code', 'codex', 'cursor'];
const APPS = ['github.com', 'api.openai.com', 'slack.com', 'pypi.org'];
const RULES = ['PI-001', 'PII-EMAIL', 'SECRET-AWS', 'EXFIL-URL', 'CMD-RM-RF'];

/**
 * Builds audit events shaped like a busy gateway's: every column filled,
 * fresh random request and trace ids per event (the costly case for their
 * indexes), sessions and agents drawn from small pools as in real traffic,
 * ~300 bytes of details and a nested structured payload.
 *
 * Pools are built once so the per-event cost is ids and one small object,
 * the same for every scenario and every baseline.
 */
export class EventFactory {
  readonly #runId = randomUUID();
  readonly #sidecarId = randomUUID();
  readonly #contentHash = createHash('sha256')
    .update('bench-config')
    .digest('hex');
  readonly #sessions = pool(512, () => randomUUID());
  readonly #agents = pool(8, (i) => ({
    id: `agent-${i}`,
    name: `assistant-${i}`,
    instance: randomUUID(),
  }));
  readonly #details = pool(64, detailsText);
  #sequence = 0;

  next(): AuditEventInput {
    const n = this.#sequence++;
    const agent = pick(this.#agents, n * 7);
    const tool = pick(TOOLS, n * 3);
    return {
      id: v7(),
      timestamp: new Date().toISOString(),
      action: pick(ACTIONS, n),
      target: `tool:${tool}`,
      actor: `agent:${agent.name}`,
      details: pick(this.#details, n),
      structured: this.#structured(n, tool),
      severity: pick(SEVERITIES, n * 5),
      runId: this.#runId,
      requestId: randomUUID(),
      sessionId: pick(this.#sessions, n * 13),
      traceId: hexId(32),
      spanId: hexId(16),
      agentId: agent.id,
      agentName: agent.name,
      agentInstanceId: agent.instance,
      policyId: `policy-${n % 4}`,
      destinationApp: pick(APPS, n),
      toolName: tool,
      toolId: `${tool}#${n % 97}`,
      connector: pick(CONNECTORS, n),
      stepIdx: n % 40,
      enforced: n % 3 === 0,
      rulePackDir: '/etc/defenseclaw/rule-packs/default',
      schemaVersion: 7,
      contentHash: this.#contentHash,
      generation: 12,
      binaryVersion: '0.9.4',
      sidecarInstanceId: this.#sidecarId,
    };
  }

  /** `count` events, for the batch API and the transaction baseline. */
  batch(count: number): AuditEventInput[] {
    const events = new Array<AuditEventInput>(count);
    for (let i = 0; i < count; i++) events[i] = this.next();
    return events;
  }

  #structured(n: number, tool: string): JsonObject {
    return {
      verdict: n % 6 === 0 ? 'block' : 'allow',
      rule_id: pick(RULES, n),
      scores: { injection: (n % 100) / 100, pii: (n % 37) / 37 },
      matched: [pick(RULES, n + 1), pick(RULES, n + 2)],
      model: 'judge-small-2',
      latency_ms: 20 + (n % 180),
      tool,
      tokens: { prompt: 400 + (n % 900), completion: 12 + (n % 60) },
    };
  }
}

/**
 * Random hex ids cut from `randomUUID`, which draws from a cached entropy
 * pool; `randomBytes` per id cost more than the rest of the event.
 */
function hexId(length: number): string {
  return (randomUUID() + randomUUID()).replaceAll('-', '').slice(0, length);
}

function pool<T>(size: number, make: (i: number) => T): T[] {
  return Array.from({ length: size }, (_, i) => make(i));
}

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length] as T;
}

function detailsText(i: number): string {
  const base =
    `guardrail evaluated tool call #${i}: the agent asked to run a command ` +
    'that reads files under the workspace and posts a summary to an external ' +
    'service; policy matched the outbound host against the allow-list and ' +
    'scanned the arguments for secrets, personal data and prompt-injection ' +
    'markers before deciding. ';
  return (base + 'x'.repeat(300)).slice(0, 300);
}
