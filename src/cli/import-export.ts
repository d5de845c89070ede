// `dateline import wxr|disqus|json FILE` and `dateline export wxr|json [-o FILE]`: the file
// streams through the import and export use cases; the import's report goes to standard
// output, its progress bar to standard error (on a terminal).

import { createWriteStream, existsSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Config } from '../config.ts';
import { AppError } from '../domain/errors.ts';
import { exportJson } from '../import/export-json.ts';
import { exportWxr } from '../import/export-wxr.ts';
import { describeReport } from '../import/import-report.ts';
import { importFormats, type ImportFormat } from '../import/site-import.ts';
import { MalformedImport } from '../import/xml-stream.ts';
import { createDateline } from '../main.ts';
import { progressBar } from './progress-bar.ts';

const usageError = (message: string) => new AppError('front_matter_invalid', { message });

export async function runImport(config: Config, args: { format?: string; file?: string; skipPings: boolean; createStubs: boolean }, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { format, file } = args;
  if (!importFormats.includes(format as ImportFormat) || !file) throw usageError('usage: dateline import wxr|disqus|json FILE [--skip-pings] [--create-stubs]');
  if (!existsSync(file)) throw usageError(`${file} does not exist`);
  const dateline = await createDateline(config);
  const bar = progressBar(err, `importing ${file}`);
  try {
    const report = await dateline.services.importFile({ format: format as ImportFormat, file, skipPings: args.skipPings, createStubs: args.createStubs, onProgress: bar.update });
    bar.end();
    for (const line of describeReport(report)) out.write(`${line}\n`);
    return 0;
  } catch (e) {
    bar.end();
    if (e instanceof MalformedImport) throw usageError(`${file}: ${e.message}; nothing was imported`);
    throw e;
  } finally {
    await dateline.close();
  }
}

export async function runExport(config: Config, args: { format?: string; output?: string }, stdout: NodeJS.WritableStream): Promise<number> {
  if (args.format !== 'wxr' && args.format !== 'json') throw usageError('usage: dateline export wxr|json [-o FILE]');
  if (args.output && existsSync(args.output)) throw usageError(`${args.output} exists; choose a new file name`);
  const dateline = await createDateline(config);
  const out = args.output ? createWriteStream(args.output) : stdout;
  try {
    const url = (config.publicUrl ?? `http://localhost:${config.port || 3000}`).replace(/\/+$/, '');
    const now = new Date();
    if (args.format === 'wxr') await exportWxr(dateline.stores.imports, { name: config.siteName, url, language: config.locale, now }, out);
    else await exportJson(dateline.stores.imports, { url, now }, out);
    if (args.output) {
      out.end();
      await finished(out);
    }
    return 0;
  } finally {
    await dateline.close();
  }
}
