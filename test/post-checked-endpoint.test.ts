import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageChannel } from 'node:worker_threads';

import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

import { PostCheckedEndpoint } from '../src/main/post-checked-endpoint.ts';
import { isCloneError } from '../src/main/uncloneable-input.ts';

test('a refused post is reported once, right after it; a clean one is not', async (t) => {
  const { port1, port2 } = new MessageChannel();
  t.after(() => port1.close());
  const endpoint = new PostCheckedEndpoint(nodeEndpoint(port1));
  const received = new Promise<unknown>((resolve) =>
    port2.once('message', resolve),
  );

  assert.throws(() => endpoint.postMessage({ run: () => 1 }));
  const failure = endpoint.takeFailure();
  assert.ok(failure !== undefined, 'the refused post was not reported');
  assert.ok(isCloneError(failure.error), String(failure.error));
  assert.equal(endpoint.takeFailure(), undefined, 'reported twice');

  endpoint.postMessage({ rows: [['a', 1]] });
  assert.equal(endpoint.takeFailure(), undefined);
  assert.deepEqual(await received, { rows: [['a', 1]] });
});
