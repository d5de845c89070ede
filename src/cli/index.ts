// The `dateline` command: parses the command line, runs one command, and exits 0 on success
// or non-zero with a one-line reason on standard error.

import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv, prepareDataDir } from '../config.ts';
import { AppError } from '../domain/errors.ts';
import { commands, usage, type CommandContext } from './commands.ts';

async function run(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`dateline: unknown command "${name}" (try: dateline help)\n`);
    return 2;
  }
  const { values, positionals } = parseArgs({ args: [...rest], options: command.options ?? {}, allowPositionals: true, strict: true });
  loadDotEnv();
  const config = prepareDataDir(loadConfig());
  const ctx: CommandContext = { config, values, positionals, out: process.stdout, err: process.stderr };
  return command.run(ctx);
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || !process.argv.includes('serve')) process.exitCode = code;
  },
  (e: unknown) => {
    const reason = e instanceof AppError || e instanceof ConfigError ? e.message : e instanceof Error ? e.message : String(e);
    process.stderr.write(`dateline: ${reason}\n`);
    if (!(e instanceof AppError || e instanceof ConfigError) && process.env.DEBUG) console.error(e);
    process.exitCode = 1;
  },
);
