// comlink ships its Node adapter as an .mjs file whose types sit in a
// plain .d.ts that NodeNext resolution does not pick up for that path.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  import type { MessagePort, Worker } from 'node:worker_threads';

  export default function nodeEndpoint(port: MessagePort | Worker): Endpoint;
}
