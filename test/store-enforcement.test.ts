import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openAuditStore, type AuditStore } from '../src/index.ts';
import { tempDbPath } from './helpers/temp-dir.ts';

let store: AuditStore;
const dbPath = tempDbPath();

before(async () => {
  store = await openAuditStore({ path: dbPath });
});
after(() => store.close());

const skill = { targetType: 'skill', targetName: 'web-search' };

test('setting one field keeps the others', async () => {
  await store.setEnforcement({ ...skill, actions: { install: 'block' } });
  const stored = await store.setEnforcement({
    ...skill,
    actions: { file: 'quarantine' },
  });
  assert.deepEqual(stored?.actions, { install: 'block', file: 'quarantine' });
});

test('allowing an install also clears file and runtime', async () => {
  await store.setEnforcement({ ...skill, actions: { runtime: 'disable' } });
  const stored = await store.setEnforcement({
    ...skill,
    actions: { install: 'allow' },
  });
  assert.deepEqual(stored?.actions, { install: 'allow' });
});

test('clearing the last field deletes the row', async () => {
  const cleared = await store.clearEnforcement({
    ...skill,
    fields: ['install'],
  });
  assert.equal(cleared, null);
  assert.equal(await store.getEnforcement(skill), null);
});

test('a connector-specific row wins over the global row for that connector only', async () => {
  const target = { targetType: 'mcp', targetName: 'files' };
  await store.setEnforcement({ ...target, actions: { install: 'block' } });
  await store.setEnforcement({
    ...target,
    connector: 'claude',
    actions: { install: 'allow' },
  });

  assert.deepEqual(
    (await store.getEnforcement({ ...target, connector: 'claude' }))?.actions,
    {
      install: 'allow',
    },
  );
  assert.deepEqual(
    (await store.getEnforcement({ ...target, connector: 'cursor' }))?.actions,
    {
      install: 'block',
    },
  );
  assert.equal((await store.listEnforcement('mcp')).length, 2);

  assert.equal(
    await store.removeEnforcement({ ...target, connector: 'claude' }),
    true,
  );
  assert.deepEqual(
    (await store.getEnforcement({ ...target, connector: 'claude' }))?.actions,
    {
      install: 'block',
    },
  );
});

test('unknown fields and values are refused', async () => {
  await assert.rejects(
    store.setEnforcement({ ...skill, actions: { install: 'maybe' } as never }),
    { code: 'INVALID_INPUT', field: 'actions.install' },
  );
  await assert.rejects(
    store.setEnforcement({ ...skill, actions: { network: 'block' } as never }),
    { code: 'INVALID_INPUT', field: 'actions.network' },
  );
  await assert.rejects(store.setEnforcement({ ...skill, actions: {} }), {
    code: 'INVALID_INPUT',
    field: 'actions',
  });
  assert.equal(await store.getEnforcement(skill), null);
});
