import type { AuditEventRecord } from '../protocol/audit-event.ts';
import type { SinkKind } from './sink-kind.ts';

/**
 * What a receiver answered to one batch. `accepted` means it took the
 * batch, so the cursor may pass it; `rejected` counts records it refused
 * for good inside an accepted batch (OTLP partial success).
 */
export type DeliveryResult =
  | { accepted: true; statusCode?: number; rejected: number; error?: string }
  | {
      accepted: false;
      /** Whether sending the same batch again may succeed. */
      retryable: boolean;
      statusCode?: number;
      /** The receiver's `Retry-After`, when it sent one. */
      retryAfterMs?: number;
      error: string;
    };

export type FailedDelivery = Extract<DeliveryResult, { accepted: false }>;

/** One way of delivering a batch of events: a receiver or a file. */
export interface Sink {
  readonly kind: SinkKind;
  /**
   * Sends one batch, oldest first. Resolves to what the receiver answered;
   * it rejects only on a fault of this process.
   */
  send(events: readonly AuditEventRecord[]): Promise<DeliveryResult>;
  close(): Promise<void>;
}
