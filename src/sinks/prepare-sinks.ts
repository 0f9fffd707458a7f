import { checkSinkSecrets } from './sink-secrets.ts';
import { loadSinkConfigs, type SinkSources } from './load-sink-configs.ts';
import type { SinkLogger } from './sink-log.ts';
import type { SinkStore } from './sink-reporter.ts';
import { SinkRunner } from './sink-runner.ts';

export interface SinkSettings extends SinkSources {
  onSinkLog?: SinkLogger | undefined;
}

/**
 * Loads and checks a store's sinks before the store opens, so a bad
 * setting or a missing secret fails the open with nothing started.
 * Returns what starts delivery once the store is open.
 */
export function prepareSinks(
  dbPath: string,
  settings: SinkSettings = {},
): (store: SinkStore) => SinkRunner | undefined {
  const configs = loadSinkConfigs(dbPath, settings);
  checkSinkSecrets(configs);
  if (!configs.some((config) => config.enabled)) return () => undefined;

  const options =
    settings.onSinkLog === undefined ? {} : { onLog: settings.onSinkLog };
  return (store) => new SinkRunner(store, configs, options).start();
}
