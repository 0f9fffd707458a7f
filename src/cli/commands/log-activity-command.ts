import type { Command } from 'commander';

import {
  addDatabaseOptions,
  openStore,
  type DatabaseOptions,
} from '../database-options.ts';
import {
  parseActivityPayload,
  readPayload,
  reportRefusal,
} from '../activity-payload.ts';
import { addExamples } from '../help-examples.ts';
import { sortedJson } from '../sorted-json.ts';

interface LogActivityOptions extends DatabaseOptions {
  payloadFile: string;
  json: boolean;
}

export function register(parent: Command): void {
  const command = parent
    .command('log-activity')
    .description(
      'Record an operator change (before/after, diff) and the audit event describing it, in one transaction.',
    )
    .requiredOption(
      '--payload-file <file>',
      'a JSON object with action, actor, target_type, target_id, reason, ' +
        'before, after, diff, version_from, version_to, severity; ' +
        "'-' reads stdin",
    )
    .option('--json', 'print the ids written as JSON on stdout', false);
  addDatabaseOptions(command);
  addExamples(command, [
    {
      does: 'record a configuration change',
      args: '--payload-file activity.json',
    },
    {
      does: 'from a pipe',
      args: `--payload-file - <<'EOF'
    {"action": "policy-update", "target_type": "policy", "target_id": "default",
     "before": {"mode": "warn"}, "after": {"mode": "block"}}
    EOF`,
    },
  ]);
  command.action((options: LogActivityOptions) => logActivity(options));
}

async function logActivity(options: LogActivityOptions): Promise<void> {
  const source = options.payloadFile === '-' ? 'stdin' : options.payloadFile;
  const activity = parseActivityPayload(
    await readPayload(options.payloadFile),
    source,
  );

  const store = await openStore(options);
  try {
    const written = await store
      .recordActivity(activity)
      .catch((error: unknown) => Promise.reject(reportRefusal(error, source)));
    const target = `${activity.targetType ?? 'config'}:${activity.targetId ?? 'config.yaml'}`;
    process.stderr.write(
      `recorded ${activity.action ?? 'config-update'} on ${target}: ` +
        `activity ${written.activityId}, audit event ${written.eventId} ` +
        `in ${store.path}\n`,
    );
    if (options.json) {
      process.stdout.write(
        `${sortedJson({ activity_id: written.activityId, event_id: written.eventId })}\n`,
      );
    }
  } finally {
    await store.close();
  }
}
