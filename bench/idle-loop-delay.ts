import { setTimeout as sleep } from 'node:timers/promises';

import { LoopDelayMonitor, type LoopDelay } from './loop-delay-monitor.ts';

/**
 * The event-loop delay of this process doing nothing for `ms`: the floor
 * the machine itself sets. On a loaded shared machine an idle loop already
 * runs late, and every scenario's figure should be read against this one.
 */
export async function idleLoopDelay(ms: number): Promise<LoopDelay> {
  const monitor = new LoopDelayMonitor();
  monitor.start();
  await sleep(ms);
  return monitor.stop();
}
