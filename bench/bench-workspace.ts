import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

import { openAuditStore } from '../src/index.ts';

/**
 * A fresh temporary folder holding every database of one run; never the
 * user's own store. Each scenario gets a new database copied from an empty
 * migrated template, so all of them start from the same schema and size.
 */
export class BenchWorkspace {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-audit-bench-'));
  #template: string | undefined;
  #counter = 0;

  /** A new migrated, empty database; `name` only helps when debugging. */
  async freshDatabase(name: string): Promise<string> {
    const template = await this.#migratedTemplate();
    const dir = path.join(this.root, `${this.#counter++}-${name}`);
    fs.mkdirSync(dir, { mode: 0o700 });
    const dbPath = path.join(dir, 'audit.db');
    fs.copyFileSync(template, dbPath);
    fs.chmodSync(dbPath, 0o600);
    return dbPath;
  }

  /** Deletes a scenario's database as soon as it is done with. */
  discard(dbPath: string): void {
    fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  /**
   * Opening the store once creates every table and index through its own
   * migrations; closing it checkpoints the WAL away, so the file alone is
   * a complete database to copy.
   */
  async #migratedTemplate(): Promise<string> {
    if (this.#template !== undefined) return this.#template;

    const template = path.join(this.root, 'template', 'audit.db');
    const store = await openAuditStore({ path: template, readers: 1 });
    await store.close();
    this.#template = template;
    return template;
  }
}

/** Rows in audit_events, read on a connection of its own. */
export function countRows(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return Number(
      db.prepare('SELECT count(*) FROM audit_events').pluck().get(),
    );
  } finally {
    db.close();
  }
}
