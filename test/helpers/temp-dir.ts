import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';

/**
 * A fresh temporary folder for one test file, removed when the file's tests
 * end. Each test should use its own database path inside it.
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
