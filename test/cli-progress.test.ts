import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ProgressLine } from '../src/cli/progress-line.ts';

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

test('progress redraws one line on a terminal and erases it when done', () => {
  const stream = recorder(true);
  const progress = new ProgressLine(stream, 0, 0);

  progress.update('exporting: 1,000 events');
  progress.update('exporting: 2,000 events');
  progress.clear();

  assert.deepEqual(stream.written, [
    '\rexporting: 1,000 events\u001b[K',
    '\rexporting: 2,000 events\u001b[K',
    '\r\u001b[K',
  ]);
});

test('progress stays silent off a terminal and during its first moments', () => {
  const pipe = recorder(false);
  const offTerminal = new ProgressLine(pipe, 0, 0);
  offTerminal.update('exporting');
  offTerminal.clear();

  const terminal = recorder(true);
  const quick = new ProgressLine(terminal, 60_000, 0);
  quick.update('exporting');
  quick.clear();

  assert.deepEqual(pipe.written, []);
  assert.deepEqual(terminal.written, []);
});
