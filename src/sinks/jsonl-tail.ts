import type { FileHandle } from 'node:fs/promises';

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

export interface JsonlTail {
  /** The file's size once any unfinished line was cut off. */
  size: number;
  /** The last complete line, without its newline. */
  lastLine: string | undefined;
}

/**
 * Cuts off a line that a crash left unfinished at the end of a JSONL file,
 * so the next line starts on its own, and returns the last complete line.
 * The cut line's event is sent again: its cursor never passed it.
 */
export async function repairTail(handle: FileHandle): Promise<JsonlTail> {
  const { size } = await handle.stat();
  const end = await lastNewline(handle, size);
  const complete = end + 1;
  if (complete < size) {
    await handle.truncate(complete);
    await handle.datasync();
  }
  if (end === -1) return { size: 0, lastLine: undefined };

  const start = (await lastNewline(handle, end)) + 1;
  const line = Buffer.alloc(end - start);
  await handle.read(line, 0, line.length, start);
  return { size: complete, lastLine: line.toString('utf8') };
}

/** The offset of the last newline before `before`, or -1. */
async function lastNewline(
  handle: FileHandle,
  before: number,
): Promise<number> {
  const buffer = Buffer.alloc(CHUNK);
  let end = before;
  while (end > 0) {
    const start = Math.max(0, end - CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, end - start, start);
    const index = buffer.subarray(0, bytesRead).lastIndexOf(NEWLINE);
    if (index !== -1) return start + index;
    end = start;
  }
  return -1;
}
