import type { AuditReader } from '../main/audit-reader.ts';
import type { ActivityEventRecord } from '../protocol/activity-event.ts';
import { AuditError } from '../protocol/audit-error.ts';
import type { AuditEventRecord } from '../protocol/audit-event.ts';
import type {
  ActivityFilter,
  EventFilter,
  Page,
  PageOptions,
} from '../protocol/read-query.ts';
import { CliError } from './cli-error.ts';
import { EXIT_CODES } from './exit-code.ts';
import {
  activityLine,
  auditEventLine,
  type ExportAnomalies,
} from './export-record.ts';
import type { OutputTarget } from './output-target.ts';

/** Rows per read: about 1 MB of lines, so memory stays flat at any size. */
const PAGE_ROWS = 1000;

export interface ExportPlan {
  filter: EventFilter;
  /** The earliest N audit events; 0 for all. */
  limit: number;
  /** Append the activity rows of the same time window. */
  includeActivity: boolean;
  /** The highest audit event rowid when the export began. */
  lastRowid: number;
}

export interface ExportProgress {
  events: number;
  activity: number;
}

export interface ExportResult extends ExportProgress, ExportAnomalies {}

export interface ExportHooks {
  signal?: AbortSignal;
  onProgress?(progress: ExportProgress): void;
}

/**
 * Streams the audit events (then the activity rows) oldest first, one
 * page at a time through the read pool. The next page is read while the
 * current one is written, so the pool thread and the output overlap.
 *
 * The audit events are those committed before the export started (up to
 * `plan.lastRowid`), whatever their timestamps; the read pool leaves later
 * rows out, so an export finishes even while a gateway writes faster than
 * it can be read.
 */
export async function exportStore(
  reader: AuditReader,
  out: OutputTarget,
  plan: ExportPlan,
  hooks: ExportHooks = {},
): Promise<ExportResult> {
  const result: ExportResult = {
    events: 0,
    activity: 0,
    unreadableStructured: 0,
  };

  const limited = plan.limit > 0;
  const rows = limited ? Math.min(PAGE_ROWS, plan.limit) : PAGE_ROWS;
  const full = () => limited && result.events >= plan.limit;
  const filter = { ...plan.filter, upToRowid: plan.lastRowid };

  await streamPages(
    (cursor) => reader.queryEvents(filter, pageOf(rows, cursor)),
    (event: AuditEventRecord) => {
      if (full()) return undefined;
      result.events++;
      return auditEventLine(event, result);
    },
    { out, hooks, isDone: full, afterPage: () => hooks.onProgress?.(result) },
  );

  if (plan.includeActivity) {
    const window = timeWindow(plan.filter);
    await streamPages(
      (cursor) =>
        reader
          .queryActivity(window, pageOf(PAGE_ROWS, cursor))
          .catch(noActivityTable),
      (activity: ActivityEventRecord) => {
        result.activity++;
        return activityLine(activity);
      },
      {
        out,
        hooks,
        isDone: () => false,
        afterPage: () => hooks.onProgress?.(result),
      },
    );
  }
  return result;
}

interface StreamContext {
  out: OutputTarget;
  hooks: ExportHooks;
  /** True once no further page is wanted. */
  isDone(): boolean;
  afterPage(): void;
}

/** A row's line, or undefined to leave the row out. */
type ToLine<T> = (row: T) => string | undefined;

async function streamPages<T>(
  fetch: (cursor: string | undefined) => Promise<Page<T>>,
  toLine: ToLine<T>,
  context: StreamContext,
): Promise<void> {
  let pending: Promise<Page<T>> | undefined = fetch(undefined);
  while (pending !== undefined) {
    const page: Page<T> = await pending;
    throwIfAborted(context.hooks.signal);

    let chunk = '';
    for (const row of page.items) chunk += toLine(row) ?? '';
    const more = page.nextCursor !== undefined && !context.isDone();
    pending = more ? fetch(page.nextCursor) : undefined;
    // A prefetch still running when the write fails must not go unhandled.
    pending?.catch(() => undefined);

    if (chunk !== '') await context.out.write(chunk);
    context.afterPage();
  }
}

function pageOf(limit: number, cursor: string | undefined): PageOptions {
  return cursor === undefined ? { limit } : { limit, cursor };
}

function timeWindow(filter: EventFilter): ActivityFilter {
  const window: ActivityFilter = {};
  if (filter.since !== undefined) window.since = filter.since;
  if (filter.until !== undefined) window.until = filter.until;
  return window;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new CliError(
      EXIT_CODES.INTERRUPTED,
      'interrupted; export incomplete',
    );
  }
}

/**
 * A database from before the activity table (a gateway not yet upgraded
 * opens it read-only here) simply has no activity rows.
 */
function noActivityTable(error: unknown): Page<ActivityEventRecord> {
  if (
    error instanceof AuditError &&
    error.message.includes('no such table: activity_events')
  ) {
    return { items: [] };
  }
  throw error;
}
