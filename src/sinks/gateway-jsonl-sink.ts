import fs from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';

import type { AuditEventRecord } from '../protocol/audit-event.ts';
import { eventEnvelope } from './event-envelope.ts';
import { repairTail } from './jsonl-tail.ts';
import { JsonlRotation } from './jsonl-rotation.ts';
import type { ResolvedFor } from './resolved-sink-config.ts';
import type { DeliveryResult, Sink } from './sink.ts';

const { O_APPEND, O_CREAT, O_NOFOLLOW, O_RDWR } = fs.constants;

/**
 * The `gateway.jsonl` log, derived from the store by the same cursor as
 * the remote sinks. A batch counts as delivered once it is on disk
 * (fsync), so a crash loses no line; the next open cuts a torn last line
 * and skips the lines already written past the cursor, so none repeats.
 */
export class GatewayJsonlSink implements Sink {
  readonly kind = 'gateway_jsonl';
  readonly #config: ResolvedFor<'gateway_jsonl'>;
  readonly #rotation: JsonlRotation;
  #handle: FileHandle | undefined;
  #size = 0;
  /** The last id on disk at open; lines up to it were written already. */
  #resumeAfterId: string | undefined;

  constructor(config: ResolvedFor<'gateway_jsonl'>) {
    this.#config = config;
    this.#rotation = new JsonlRotation(config.path, config.maxBackups);
  }

  async send(events: readonly AuditEventRecord[]): Promise<DeliveryResult> {
    try {
      const handle = this.#handle ?? (await this.#open());
      const text = this.#unwritten(events)
        .map((event) => `${JSON.stringify(eventEnvelope(event))}\n`)
        .join('');
      const bytes = Buffer.byteLength(text);
      if (this.#size > 0 && this.#size + bytes > this.#config.maxBytes) {
        await this.#rotate(handle);
      }
      await this.#append(text, bytes);
      return { accepted: true, rejected: 0 };
    } catch (error) {
      const message = (error as Error).message;
      return { accepted: false, retryable: true, error: message };
    }
  }

  async close(): Promise<void> {
    await this.#handle?.close();
    this.#handle = undefined;
  }

  async #open(): Promise<FileHandle> {
    await fsp.mkdir(path.dirname(this.#config.path), {
      recursive: true,
      mode: 0o700,
    });
    await this.#rotation.recover();
    const handle = await openLog(this.#config.path);
    const tail = await repairTail(handle);
    this.#size = tail.size;
    this.#resumeAfterId = lineId(tail.lastLine);
    this.#handle = handle;
    return handle;
  }

  /**
   * Only the first batch after an open can overlap the file: the loop
   * commits each batch's cursor before reading the next.
   */
  #unwritten(events: readonly AuditEventRecord[]): readonly AuditEventRecord[] {
    const id = this.#resumeAfterId;
    this.#resumeAfterId = undefined;
    const index = id === undefined ? -1 : events.findIndex((e) => e.id === id);
    return events.slice(index + 1);
  }

  async #rotate(handle: FileHandle): Promise<void> {
    await handle.close();
    this.#handle = undefined;
    await this.#rotation.rotate();
    this.#handle = await openLog(this.#config.path);
    this.#size = 0;
  }

  async #append(text: string, bytes: number): Promise<void> {
    const handle = this.#handle;
    if (handle === undefined || bytes === 0) return;
    try {
      await handle.appendFile(text);
      await handle.datasync();
      this.#size += bytes;
    } catch (error) {
      // A batch cut short (disk full) would leave a torn line; take it back.
      await handle.truncate(this.#size).catch(() => undefined);
      throw error;
    }
  }
}

/** O_NOFOLLOW: the store refuses symlinks for its files, the log as well. */
function openLog(file: string): Promise<FileHandle> {
  return fsp.open(file, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW, 0o600);
}

function lineId(line: string | undefined): string | undefined {
  if (line === undefined) return undefined;
  try {
    const id = (JSON.parse(line) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
