import fs from 'node:fs';
import path from 'node:path';

import { ok, warn, type CheckResult } from './check-result.ts';

/** The audit trail is private: 0600 files in a 0700 folder. */
export function permissionChecks(
  dbPath: string,
  stat: fs.Stats,
): CheckResult[] {
  const results = [modeCheck('file mode', dbPath, stat.mode, 0o600)];
  for (const companion of [`${dbPath}-wal`, `${dbPath}-shm`]) {
    const companionStat = statOrUndefined(companion);
    if (companionStat !== undefined) {
      results.push(
        modeCheck('file mode', companion, companionStat.mode, 0o600),
      );
    }
  }
  const folder = path.dirname(dbPath);
  const folderStat = statOrUndefined(folder);
  if (folderStat !== undefined) {
    results.push(modeCheck('folder mode', folder, folderStat.mode, 0o700));
  }
  return results;
}

function modeCheck(
  name: string,
  file: string,
  mode: number,
  wanted: number,
): CheckResult {
  const actual = mode & 0o777;
  const octal = (value: number) => value.toString(8).padStart(4, '0');
  return actual === wanted
    ? ok(name, `${octal(actual)} ${file}`)
    : warn(
        name,
        `${octal(actual)} ${file}: others can reach the audit trail; ` +
          `run chmod ${octal(wanted).slice(1)} ${file}`,
      );
}

export function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}
