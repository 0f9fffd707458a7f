import { execFileSync } from 'node:child_process';

/**
 * Runs SQL through the `sqlite3` command-line shell, the way an operator
 * reads the store while the gateway writes. Returns stdout.
 */
export function sqliteShell(dbPath: string, sql: string): string {
  return execFileSync('sqlite3', ['-readonly', dbPath, sql], {
    encoding: 'utf8',
  });
}
