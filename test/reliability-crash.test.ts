import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  crashRound,
  verifyAcks,
  type CrashRoundResult,
} from './fixtures/reliability-crash-round.ts';
import type { Ack } from './fixtures/reliability-workload.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

/**
 * SIGKILL at random moments: every write the child saw acknowledged must
 * survive with every column, and the file must pass integrity_check. CI runs
 * CRASH_ROUNDS rounds per synchronous mode (default 12, so 24 kills of 1-3
 * s each); `npm run soak` runs hundreds.
 */
const ROUNDS = Number(process.env['CRASH_ROUNDS'] ?? 12);
const MAX_ACKS_BEFORE_KILL = 3000;

for (const synchronous of ['NORMAL', 'FULL'] as const) {
  test(`no acknowledged write is lost to SIGKILL (synchronous ${synchronous})`, async (t) => {
    const dbPath = tempDbPath(`crash-${synchronous}.db`);
    const all: Ack[] = [];
    let rows = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const result = await crashRound({
        dbPath,
        synchronous,
        tag: `r${round}`,
        killAfter: 1 + Math.floor(Math.random() * MAX_ACKS_BEFORE_KILL),
        // The first round kills a fresh store wherever it is, migrating
        // included; the others once some writes were acknowledged.
        ...(round === 0 ? { killAtMs: Math.random() * 1500 } : {}),
      });
      assertIntact(result, round);
      all.push(...result.acks);
      rows += result.rows;
    }

    const final = verifyAcks(dbPath, all);
    assert.deepEqual(final.problems, []);
    assert.equal(final.integrity, 'ok');
    t.diagnostic(
      `${ROUNDS} kills, ${all.length} acknowledged writes, ${rows} rows checked`,
    );
  });
}

function assertIntact(result: CrashRoundResult, round: number): void {
  const where = `round ${round}`;
  assert.deepEqual(result.problems, [], where);
  assert.equal(result.integrity, 'ok', where);
  assert.equal(result.setAside, undefined, `${where}: set aside as corrupt`);
}
