import type { Endpoint } from 'comlink';

/**
 * A comlink endpoint that remembers why its last `postMessage` threw.
 *
 * comlink posts inside a promise, so a value structured clone refuses only
 * surfaces as a rejection, and the caller must keep what it sent until then
 * to find the culprit. With the failure readable right after the call, the
 * writer client knows at once whether the message left, and can let go of
 * its rows while the commit is still pending.
 */
export class PostCheckedEndpoint implements Endpoint {
  readonly #inner: Endpoint;
  #failure: { error: unknown } | undefined;

  constructor(inner: Endpoint) {
    this.#inner = inner;
  }

  postMessage(
    message: unknown,
    transfer?: Parameters<Endpoint['postMessage']>[1],
  ): void {
    try {
      this.#inner.postMessage(message, transfer);
    } catch (error) {
      this.#failure = { error };
      throw error;
    }
  }

  addEventListener(...args: Parameters<Endpoint['addEventListener']>): void {
    this.#inner.addEventListener(...args);
  }

  removeEventListener(
    ...args: Parameters<Endpoint['removeEventListener']>
  ): void {
    this.#inner.removeEventListener(...args);
  }

  start(): void {
    this.#inner.start?.();
  }

  /** The error the last post threw, once; undefined if it went through. */
  takeFailure(): { error: unknown } | undefined {
    const failure = this.#failure;
    this.#failure = undefined;
    return failure;
  }
}
