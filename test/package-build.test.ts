import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { tempDir } from './helpers/temp-dir.ts';

const root = path.resolve(import.meta.dirname, '..');

test('a plain-JavaScript gateway can import the built package and use it', () => {
  assert.ok(
    fs.existsSync(path.join(root, 'dist', 'index.js')),
    'dist/index.js is missing: run `npm run build` (npm test does)',
  );
  const dir = tempDir();
  const app = path.join(dir, 'gateway.mjs');
  fs.writeFileSync(
    app,
    [
      `import { openAuditStore } from ${JSON.stringify(path.join(root, 'dist', 'index.js'))};`,
      `const store = await openAuditStore({ path: ${JSON.stringify(path.join(dir, 'audit.db'))} });`,
      "const id = await store.recordEvent({ action: 'guardrail-block', severity: 'HIGH' });",
      "const page = await store.queryEvents({ actionPrefix: 'guardrail-' });",
      'await store.close();',
      'console.log(JSON.stringify({ id, found: page.items[0]?.id }));',
    ].join('\n'),
  );

  const output = execFileSync(process.execPath, [app], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const { id, found } = JSON.parse(output) as { id: string; found: string };
  assert.equal(found, id);
});
