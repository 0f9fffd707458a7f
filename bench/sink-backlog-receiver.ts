/**
 * A receiver for the sink benchmark, in its own process as a remote system
 * would be: it takes every NDJSON batch, counts its lines and answers 200.
 * Prints its port on stdout, then serves until killed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

let lines = 0;
const server = http.createServer((req, res) => {
  req.on('data', (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 0x0a) lines += 1;
  });
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"lines":${lines}}`);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
