import type { AuditEventRecord } from '../protocol/audit-event.ts';
import { SEVERITY_RANK, type Severity } from '../protocol/severity.ts';

/**
 * Which events a sink is owed: at least its minimum severity, and one of
 * its actions when it lists any (`guardrail-*` matches a prefix). An event
 * not owed is passed by the cursor without being sent.
 */
export class SinkFilter {
  readonly #minRank: number;
  readonly #exact: ReadonlySet<string> | undefined;
  readonly #prefixes: readonly string[];

  constructor(
    minSeverity: Severity | undefined,
    actions: readonly string[] | undefined,
  ) {
    this.#minRank = minSeverity === undefined ? 0 : SEVERITY_RANK[minSeverity];
    this.#exact =
      actions === undefined
        ? undefined
        : new Set(actions.filter((action) => !action.endsWith('*')));
    this.#prefixes = (actions ?? [])
      .filter((action) => action.endsWith('*'))
      .map((action) => action.slice(0, -1));
  }

  owes(event: AuditEventRecord): boolean {
    const rank = SEVERITY_RANK[event.severity ?? 'INFO'] ?? 1;
    if (rank < this.#minRank) return false;
    if (this.#exact === undefined) return true;

    const action = event.action ?? '';
    return (
      this.#exact.has(action) ||
      this.#prefixes.some((prefix) => action.startsWith(prefix))
    );
  }
}
