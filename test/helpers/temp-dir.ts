import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';

/**
 * A fresh temporary folder, removed when the surrounding suite ends. Call
 * it at module level or inside a test, not inside a `before` hook: there
 * the cleanup would run when the hook's own scope ends.
 */
export function tempDir(prefix = 'dc-audit-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let counter = 0;

/** A new database path in a fresh folder. */
export function tempDbPath(name = 'audit.db'): string {
  return path.join(tempDir(), `${counter++}-${name}`);
}
