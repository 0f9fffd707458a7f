import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

import type {
  ContenderReport,
  ContenderSettings,
} from './contending-writer.ts';

const SCRIPT = fileURLToPath(
  new URL('./contending-writer.ts', import.meta.url),
);

/** The parent's handle on the contending writer process. */
export class ContendingProcess {
  readonly #child: ChildProcess;

  private constructor(child: ChildProcess) {
    this.#child = child;
  }

  /** Forks the writer and resolves once it is about to take the lock. */
  static async start(settings: ContenderSettings): Promise<ContendingProcess> {
    const child = fork(SCRIPT, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.send(settings);
    const [message] = (await once(child, 'message')) as [unknown];
    if (message !== 'ready') {
      child.kill();
      throw new Error(`contending writer failed: ${JSON.stringify(message)}`);
    }
    return new ContendingProcess(child);
  }

  async stop(): Promise<ContenderReport> {
    const answer = once(this.#child, 'message');
    this.#child.send('stop');
    const [message] = (await answer) as [
      { report?: ContenderReport; error?: string },
    ];
    if (message.report === undefined) {
      throw new Error(`contending writer failed: ${message.error}`);
    }
    return message.report;
  }
}
