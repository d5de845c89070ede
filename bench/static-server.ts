// The "static limit": a bare Node `http` server that answers every request with one file's
// bytes, read once into memory. run.ts starts it as a child process with Dateline's own
// article page, so both servers send the same body and the difference is Dateline's work.
//
//   node --import tsx bench/static-server.ts PAGE.html   → prints "static server listening on PORT"

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const file = process.argv[2];
if (!file) {
  console.error('usage: static-server.ts FILE');
  process.exit(2);
}
const body = readFileSync(file);
const headers = { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length) };

const server = createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`static server listening on ${port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
