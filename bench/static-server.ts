// The "static limit": a bare Node `http` server that answers with files' bytes, read once into
// memory. run.ts starts it as a child process with Dateline's own article pages, so both servers
// send the same body and the difference is Dateline's work. The first file is served at "/",
// and file i at "/i" (so one server holds the 0-, 50- and 500-comment pages).
//
//   node --import tsx bench/static-server.ts PAGE.html [PAGE2.html …]  → prints "static server listening on PORT"

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: static-server.ts FILE [FILE…]');
  process.exit(2);
}
const pages = files.map((file) => {
  const body = readFileSync(file);
  return { body, headers: { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length) } };
});

const server = createServer((request, response) => {
  const page = request.url === '/' ? pages[0] : pages[Number(request.url?.slice(1))];
  if (!page) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, page.headers);
  response.end(page.body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`static server listening on ${port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
