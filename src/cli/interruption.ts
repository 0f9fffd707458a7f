import { EXIT_CODES } from './exit-code.ts';

export interface Interruption {
  /** Aborted on the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  dispose(): void;
}

/**
 * Turns SIGINT and SIGTERM into an abort, so a long command can stop at a
 * safe point (between pages, between polls) and clean up. A second signal
 * while it winds down exits at once, as people expect of Ctrl-C.
 */
export function watchInterruption(): Interruption {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT_CODES.INTERRUPTED);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
