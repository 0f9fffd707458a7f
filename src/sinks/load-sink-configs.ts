import fs from 'node:fs';
import path from 'node:path';

import { AuditError, invalidInput } from '../protocol/audit-error.ts';
import { resolveSinkConfig } from './resolve-sink-config.ts';
import type { ResolvedSinkConfig } from './resolved-sink-config.ts';
import type { SinkConfig } from './sink-config.ts';
import { readSinksConfigFile } from './sinks-config-file.ts';

/** Where a store's sinks come from; the same fields as `AuditStoreConfig`. */
export interface SinkSources {
  /** Sinks defined in code. */
  sinks?: readonly SinkConfig[] | undefined;
  /**
   * A YAML file with an `audit_sinks:` list. Default: `config.yaml` beside
   * the database when it exists; false reads no file.
   */
  sinksConfigFile?: string | false | undefined;
}

/**
 * The checked settings of a store's sinks: those defined in code first,
 * then those of the config file. Throws INVALID_INPUT on a bad entry or a
 * name used twice, before anything is started.
 */
export function loadSinkConfigs(
  dbPath: string,
  sources: SinkSources = {},
): ResolvedSinkConfig[] {
  const dbFolder = path.dirname(path.resolve(dbPath));
  if (sources.sinks !== undefined && !Array.isArray(sources.sinks)) {
    throw invalidInput('sinks', 'expected a list of sink settings');
  }
  const fromApi = (sources.sinks ?? []).map((raw, index) =>
    resolveSinkConfig(raw, { where: `sinks.${index}`, dbFolder }),
  );

  const file = configFile(dbFolder, sources.sinksConfigFile);
  const fromFile =
    file === undefined
      ? []
      : readSinksConfigFile(file).map((raw, index) =>
          resolveSinkConfig(raw, {
            where: `audit_sinks.${index}`,
            dbFolder,
            source: file,
          }),
        );

  const all = [...fromApi, ...fromFile];
  checkUniqueNames(all);
  return all;
}

/** An explicit file must exist; the default one is read only if it does. */
function configFile(
  dbFolder: string,
  setting: string | false | undefined,
): string | undefined {
  if (setting === false) return undefined;
  if (setting !== undefined) return path.resolve(setting);

  const beside = path.join(dbFolder, 'config.yaml');
  return fs.existsSync(beside) ? beside : undefined;
}

/** Two sinks with one name would share a cursor and skip each other's events. */
function checkUniqueNames(configs: readonly ResolvedSinkConfig[]): void {
  const seen = new Set<string>();
  for (const { name } of configs) {
    if (seen.has(name)) {
      throw new AuditError(
        'INVALID_INPUT',
        `two sinks are named "${name}": give each its own name, ` +
          'since the name keys its cursor',
        { field: 'name' },
      );
    }
    seen.add(name);
  }
}
