import { createSink } from './create-sink.ts';
import type { ResolvedSinkConfig } from './resolved-sink-config.ts';
import type { SinkLogger } from './sink-log.ts';
import { SinkLoop } from './sink-loop.ts';
import type { SinkStore } from './sink-reporter.ts';
import type { SinkFlushResult, SinkStatus } from './sink-status.ts';

export interface SinkRunnerOptions {
  /** Receives failures and recoveries; nothing is logged without it. */
  onLog?: SinkLogger;
  /** Where secrets are read from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The delivery loops of a store's enabled sinks. `openAuditStore` starts
 * one when sinks are configured and `close()` stops it; the CLI's
 * `sinks flush` builds one without starting it and flushes.
 *
 * @example
 * const runner = new SinkRunner(store, loadSinkConfigs(store.path));
 * const results = await runner.flush();
 * await runner.stop();
 */
export class SinkRunner {
  readonly #loops: SinkLoop[];
  #stopped: Promise<void> | undefined;

  constructor(
    store: SinkStore,
    configs: readonly ResolvedSinkConfig[],
    options: SinkRunnerOptions = {},
  ) {
    const { onLog, env = process.env } = options;
    this.#loops = configs
      .filter((config) => config.enabled)
      .map((config) => {
        const idleError = (error: Error): void =>
          onLog?.({
            level: 'warn',
            sinkName: config.name,
            message: `idle connection lost: ${error.message}`,
            error,
          });
        const sink = createSink(config, env, idleError);
        return new SinkLoop(store, config, sink, onLog);
      });
  }

  /** The enabled sinks' names. */
  get sinkNames(): string[] {
    return this.#loops.map((loop) => loop.config.name);
  }

  /** Starts every loop in the background. */
  start(): this {
    for (const loop of this.#loops) loop.start();
    return this;
  }

  /**
   * Delivers everything written before the call to every enabled sink, in
   * parallel. A sink that fails is reported, not retried past its breaker.
   */
  async flush(): Promise<SinkFlushResult[]> {
    return Promise.all(
      this.#loops.map(async (loop) => {
        const error = await loop.flush();
        const name = loop.config.name;
        return error === undefined
          ? { name, ok: true }
          : { name, ok: false, error };
      }),
    );
  }

  status(): SinkStatus[] {
    return this.#loops.map((loop) => loop.status());
  }

  /**
   * Lets each attempt in flight finish (bounded by its timeout) and its
   * cursor move, skips every wait, and closes the connections. Calling it
   * again returns the same promise.
   */
  stop(): Promise<void> {
    this.#stopped ??= Promise.all(this.#loops.map((loop) => loop.stop())).then(
      () => undefined,
    );
    return this.#stopped;
  }
}
