import { parentPort, workerData } from 'node:worker_threads';

import type Database from 'better-sqlite3';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

import { AUDIT_ACTIONS } from '../protocol/audit-action.ts';
import { AuditError } from '../protocol/audit-error.ts';
import { serializeError } from '../protocol/serialized-error.ts';
import type { WriteOutcome, WriteRequest } from '../protocol/write-request.ts';
import type {
  CheckpointMode,
  OpenReport,
  Result,
  WriterApi,
  WriterSettings,
} from '../protocol/writer-api.ts';
import { checkStillOpenable, fileIdentity } from './database-files.ts';
import { GroupCommitter } from './group-committer.ts';
import { loadMigrations } from './migration-files.ts';
import { currentVersion, migrate } from './migrator.ts';
import { openWriterDatabase } from './open-writer-database.ts';
import type { NormalizeContext } from './row-normalizer.ts';
import { WalGovernor } from './wal-governor.ts';
import { WriteHandlers } from './write-handlers.ts';

/**
 * The writer thread: owns the only write connection, migrates before
 * anything else, then commits what the client submits in groups.
 */
function start(settings: WriterSettings) {
  const opened = openWriterDatabase(settings);
  const { db } = opened;
  const identity = fileIdentity(settings.path);
  const migrationsApplied = migrate(db, loadMigrations(settings.migrationsDir));

  const knownActions = new Set<string>([
    ...AUDIT_ACTIONS,
    ...settings.extraActions,
  ]);
  const context: NormalizeContext = {
    provenance: settings.provenance,
    isKnownAction: (action) => knownActions.has(action),
    now: Date.now(),
  };
  const handlers = new WriteHandlers(db, context);
  const governor = new WalGovernor(
    db,
    settings.path,
    settings.walLimitBytes,
    settings.busyTimeoutMs,
  );
  const committer = new GroupCommitter({
    db,
    prepare: (request) => handlers.prepare(request),
    beginGroup: () => {
      checkStillOpenable(settings.path, identity);
      context.now = Date.now();
    },
    afterCommit: () => governor.afterCommit(),
    maxGroupSize: settings.maxGroupSize,
  });

  const report: OpenReport = {
    path: settings.path,
    schemaVersion: currentVersion(db),
    migrationsApplied,
    sqliteVersion: String(db.prepare('SELECT sqlite_version()').pluck().get()),
    pragmas: readPragmas(db),
    ...(opened.setAside === undefined ? {} : { setAside: opened.setAside }),
  };
  return { db, committer, governor, report };
}

type Started = ReturnType<typeof start>;

const SYNCHRONOUS_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

function readPragmas(db: Database.Database): OpenReport['pragmas'] {
  const read = (name: string) => db.pragma(name, { simple: true });
  return {
    journalMode: String(read('journal_mode')),
    synchronous: SYNCHRONOUS_NAMES[Number(read('synchronous'))] ?? 'UNKNOWN',
    busyTimeoutMs: Number(read('busy_timeout')),
    foreignKeys: read('foreign_keys') === 1,
    journalSizeLimit: Number(read('journal_size_limit')),
    walAutocheckpoint: Number(read('wal_autocheckpoint')),
  };
}

function tryStart(): Result<Started> {
  try {
    return { ok: true, value: start(workerData as WriterSettings) };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

const started = tryStart();
let closed = false;

function closedError() {
  return serializeError(new AuditError('CLOSED', 'the audit store is closed'));
}

function closedOutcome(): WriteOutcome {
  return {
    ok: false,
    error: serializeError(
      new AuditError('CLOSED', 'the audit store is closed'),
    ),
  };
}

const api: WriterApi = {
  async ready() {
    return started.ok ? { ok: true, value: started.value.report } : started;
  },

  async submit(requests: WriteRequest[]) {
    if (!started.ok || closed) return requests.map(closedOutcome);
    return started.value.committer.submit(requests);
  },

  async checkpoint(mode: CheckpointMode) {
    if (!started.ok || closed) return { ok: false, error: closedError() };
    try {
      return { ok: true, value: started.value.governor.checkpoint(mode) };
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  },

  async close() {
    if (!started.ok || closed) return { ok: true, value: undefined };
    closed = true;
    try {
      started.value.committer.drain();
      started.value.governor.checkpoint('TRUNCATE');
      started.value.db.close();
      return { ok: true, value: undefined };
    } catch (error) {
      if (started.value.db.open) started.value.db.close();
      return { ok: false, error: serializeError(error) };
    }
  },
};

Comlink.expose(api, nodeEndpoint(parentPort as NonNullable<typeof parentPort>));
