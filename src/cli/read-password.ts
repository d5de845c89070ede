// Reads a password without it ever touching argv: typed at a prompt (not echoed, asked twice)
// or, when standard input is not a terminal, the first line of standard input.

import { createInterface } from 'node:readline';
import { AppError } from '../domain/errors.ts';

export async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  const first = await prompt('Password: ');
  const second = await prompt('Password again: ');
  if (first !== second) throw new AppError('passwords_differ', { message: 'the two passwords are not the same' });
  return first;
}

function prompt(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Echo nothing of what is typed (readline writes each keystroke through this).
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(question)) process.stderr.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
