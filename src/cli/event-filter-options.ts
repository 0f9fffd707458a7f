import { InvalidArgumentError, type Command } from 'commander';

import type { EventFilter } from '../protocol/read-query.ts';
import type { Severity } from '../protocol/severity.ts';
import { CliError } from './cli-error.ts';
import { EXIT_CODES } from './exit-code.ts';
import { severityValue } from './option-parsers.ts';
import { parseTimeBound } from './time-bound.ts';

/** An `--action` value: an exact name, or a prefix written `guardrail-*`. */
export interface ActionMatch {
  action?: string;
  actionPrefix?: string;
}

/** The option values that `addEventFilterOptions` declares. */
export interface EventFilterOptions {
  since?: string;
  until?: string;
  action?: ActionMatch;
  severity?: Severity;
  requestId?: string;
  sessionId?: string;
  traceId?: string;
  runId?: string;
}

export function addTimeWindowOptions(command: Command): Command {
  return command
    .option(
      '--since <when>',
      'only events at or after this time: a duration back from now (30s, 15m, 24h, 7d) or an RFC 3339 time',
      (value) => parseTimeBound(value),
    )
    .option(
      '--until <when>',
      'only events before this time (same forms as --since)',
      (value) => parseTimeBound(value),
    );
}

export function addActionOption(command: Command): Command {
  return command.option(
    '--action <name>',
    "only this action, or every action starting with a prefix written 'guardrail-*'",
    actionMatch,
  );
}

export function addEventMatchOptions(command: Command): Command {
  return addActionOption(command)
    .option(
      '--severity <level>',
      'only events of this severity or higher (CRITICAL, HIGH, MEDIUM, LOW, WARN, INFO)',
      severityValue,
    )
    .option('--request-id <id>', 'only events of this request')
    .option('--session-id <id>', 'only events of this session')
    .option('--trace-id <id>', 'only events of this trace')
    .option('--run-id <id>', 'only events of this gateway run');
}

/** Time window and matches together, as export and query take them. */
export function addEventFilterOptions(command: Command): Command {
  return addEventMatchOptions(addTimeWindowOptions(command));
}

export function eventFilterFrom(options: EventFilterOptions): EventFilter {
  const { since, until } = options;
  if (since !== undefined && until !== undefined && since >= until) {
    throw new CliError(
      EXIT_CODES.USAGE,
      `--since (${since}) must be earlier than --until (${until})`,
    );
  }
  return definedOnly({
    since,
    until,
    ...options.action,
    minSeverity: options.severity,
    requestId: options.requestId,
    sessionId: options.sessionId,
    traceId: options.traceId,
    runId: options.runId,
  });
}

function actionMatch(value: string): ActionMatch {
  const text = value.trim();
  const star = text.indexOf('*');
  if (text === '' || (star !== -1 && star !== text.length - 1)) {
    throw new InvalidArgumentError(
      "Expected an action name, or a prefix with one '*' at its end.",
    );
  }
  return star === -1 ? { action: text } : { actionPrefix: text.slice(0, -1) };
}

/** Filters travel to a pool thread; leave out what the user did not set. */
function definedOnly<T extends object>(record: T): T {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as T;
}
