// A real SMTP server in its own process, for mail tests: `smtp-sink-process.ts PORT`. It
// accepts every message (or refuses recipients containing SMTP_SINK_REFUSE with 550) and
// prints each as one JSON line {"raw": base64} before answering 250, so what it acknowledged
// has been reported. Its first line is {"listening": port}.

import { SMTPServer } from 'smtp-server';

const refuse = process.env.SMTP_SINK_REFUSE;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (refuse && address.address.includes(refuse)) return callback(Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 }));
    callback();
  },
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      process.stdout.write(`${JSON.stringify({ raw: Buffer.concat(chunks).toString('base64') })}\n`, () => callback());
    });
  },
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.server.address();
  process.stdout.write(`${JSON.stringify({ listening: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
