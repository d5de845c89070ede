// Every `dateline` command in one table: its options and what it runs. Commands call the same
// use cases as the web (moderation writes a log row exactly as the admin area will).

import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.ts';
import { articlePath } from '../domain/article.ts';
import type { CommentStatus } from '../domain/comment.ts';
import { AppError, InvalidFields } from '../domain/errors.ts';
import { readPassword } from './read-password.ts';
import { runExport, runImport } from './import-export.ts';
import { commentId } from '../domain/ids.ts';
import type { ModerationAction } from '../domain/moderation.ts';
import { parseArticleFile } from '../articles/parse-article-file.ts';
import { backupSite, copySite, createDateline, restoreSite, startCluster, startServer } from '../main.ts';

export interface CommandContext {
  readonly config: Config;
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

interface Command {
  readonly options?: ParseArgsConfig['options'];
  run(ctx: CommandContext): Promise<number>;
}

export const usage = `Usage: dateline <command> [options]

  serve [--workers N]                 start the web server (PORT, default 3000), in N processes
  migrate                             apply pending database migrations
  backup FILE                         write a consistent copy of the database (PostgreSQL: pg_dump format)
  restore FILE                        put a backup into an empty data directory or empty database
  copy --to DATABASE_URL              copy every row into a new, empty database (SQLite → PostgreSQL)
  publish FILE.md                     publish or update an article from Markdown with front matter
  comments list [--status S] [--limit N]
                                      list comments, newest first (S: pending, approved, spam, trash)
  comments approve|hold|spam|trash|restore ID [--reason TEXT]
                                      moderate one comment (logged)
  user add --role R --email E --name N
                                      add a staff account (admin, editor or moderator); the
                                      password comes from a prompt, or the first line of stdin
  privacy export EMAIL                print everything stored about that commenter's comments (JSON)
  privacy erase EMAIL [--delete-comments]
                                      erase their name, email, website, IP and user agent from every
                                      comment (and with the flag, the text too); both are logged
  import wxr|disqus|json FILE [--skip-pings] [--create-stubs]
                                      import a WordPress export (WXR; --skip-pings leaves pingbacks
                                      and trackbacks out), a Disqus export (--create-stubs makes an
                                      article for a thread no article matches) or a Dateline JSON
                                      export; a second run of the same file adds nothing
  export wxr|json [-o FILE]           write the whole site (with commenters' emails and IPs) as a
                                      WordPress WXR file or Dateline JSON Lines, to stdout or FILE
  help                                show this help

Configuration comes from the environment (and ./.env): DATELINE_DATA_DIR, DATABASE_URL, PORT,
DATELINE_SECRET, DATELINE_PUBLIC_URL. See README.md.
`;

const statuses: readonly CommentStatus[] = ['pending', 'approved', 'spam', 'trash'];
const actions: readonly ModerationAction[] = ['approve', 'hold', 'spam', 'trash', 'restore'];

export const commands: Record<string, Command> = {
  serve: {
    options: { workers: { type: 'string' } },
    async run({ config, values, out }) {
      // A busy server allocates fast, and V8 lets the old generation grow to several times what
      // is live before collecting it: under the POST benchmark RSS went from 137 to 272 MB with
      // under 50 MB live. Growing by at most half each time keeps the peak near 180 MB at the
      // same throughput (BENCHMARKS.md, "What the speed work after 06:37 bought").
      setFlagsFromString('--heap-growing-percent=50');
      const workers = Number(values.workers ?? process.env.DATELINE_WORKERS ?? 1);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new AppError('front_matter_invalid', { message: '--workers takes a number from 1 to 64' });
      const stopOn = (stop: () => Promise<void>) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
      };
      if (process.env.DATELINE_CLUSTER_WORKER === '1') {
        stopOn((await startServer(config, { worker: true })).stop);
        return 0;
      }
      if (workers > 1) {
        stopOn((await startCluster(config, workers, (line) => out.write(`${line}\n`))).stop);
        out.write(`Dateline is running at http://localhost:${config.port}/ with ${workers} workers (data in ${config.dataDir})\n`);
        return 0;
      }
      const server = await startServer(config);
      stopOn(server.stop);
      const base = config.publicUrl ?? `http://localhost:${server.port}`;
      out.write(`Dateline is running at ${base}/ (data in ${config.dataDir})\n`);
      if (server.setupPath) out.write(`No admin yet. Create the first one within the hour: ${base}${server.setupPath}\n`);
      return 0;
    },
  },

  backup: {
    async run({ config, positionals, out }) {
      const [file] = positionals;
      if (!file) throw new AppError('front_matter_invalid', { message: 'backup needs a file: dateline backup FILE' });
      if (existsSync(file)) throw new AppError('conflict', { message: `${file} exists; choose a new file name` });
      await backupSite(config, file);
      out.write(`backed up to ${file}\n`);
      return 0;
    },
  },

  restore: {
    async run({ config, positionals, out }) {
      const [file] = positionals;
      if (!file) throw new AppError('front_matter_invalid', { message: 'restore needs a file: dateline restore FILE' });
      await restoreSite(config, file);
      out.write(`restored ${file}; start Dateline to serve it\n`);
      return 0;
    },
  },

  copy: {
    options: { to: { type: 'string' } },
    async run({ config, values, out }) {
      const to = values.to as string | undefined;
      if (!to) throw new AppError('front_matter_invalid', { message: 'copy needs a target: dateline copy --to postgres://…' });
      if (to === config.databaseUrl) throw new AppError('conflict', { message: 'the target is the database this site already uses' });
      const { counts } = await copySite(config, to);
      out.write(`copied ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}; counts verified\n`);
      out.write(`now start Dateline with DATABASE_URL=${to.replace(/\/\/[^@/]*@/, '//…@')}\n`);
      return 0;
    },
  },

  migrate: {
    async run({ config, out }) {
      const dateline = await createDateline(config); // opening migrates to the latest schema
      await dateline.close();
      out.write('database is up to date\n');
      return 0;
    },
  },

  publish: {
    async run({ config, positionals, out }) {
      const [file] = positionals;
      if (!file) throw new AppError('front_matter_invalid', { message: 'publish needs a file: dateline publish FILE.md' });
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new AppError('front_matter_invalid', { message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? e}` });
      }
      let parsed;
      try {
        parsed = parseArticleFile(text);
      } catch (e) {
        if (e instanceof AppError) throw new AppError(e.code, { message: `${file}: ${e.message}` });
        throw e;
      }
      const dateline = await createDateline(config);
      try {
        const { article, created } = await dateline.services.publishArticle(parsed);
        out.write(`${created ? 'published' : 'updated'} ${articlePath(article)} (article ${article.id})\n`);
      } finally {
        await dateline.close();
      }
      return 0;
    },
  },

  user: {
    options: { role: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
    async run({ config, values, positionals, out }) {
      if (positionals[0] !== 'add') throw new AppError('role_invalid', { message: 'usage: dateline user add --role admin|editor|moderator --email E --name N (password from a prompt or standard input)' });
      const password = await readPassword();
      const dateline = await createDateline(config);
      try {
        const staff = await dateline.services.addStaff.addStaff({
          email: String(values.email ?? ''),
          name: String(values.name ?? ''),
          role: String(values.role ?? ''),
          password,
        });
        out.write(`added ${staff.role} ${staff.name} <${staff.email}>; sign in at /admin/login\n`);
      } catch (e) {
        if (e instanceof InvalidFields) throw new AppError(e.code, { message: e.errors.map((x) => `--${x.field === 'password' ? 'password (stdin)' : x.field}: ${x.code.replace(/_/g, ' ')}`).join('; ') });
        throw e;
      } finally {
        await dateline.close();
      }
      return 0;
    },
  },

  comments: {
    options: { status: { type: 'string' }, limit: { type: 'string' }, reason: { type: 'string' } },
    async run({ config, values, positionals, out }) {
      const [sub, idText] = positionals;
      const dateline = await createDateline(config);
      try {
        if (sub === 'list') {
          const status = values.status as string | undefined;
          if (status !== undefined && !statuses.includes(status as CommentStatus)) {
            throw new AppError('transition_not_allowed', { message: `--status must be one of ${statuses.join(', ')}` });
          }
          const limit = Number(values.limit ?? 50);
          const rows = await dateline.stores.comments.list({ status: status as CommentStatus | undefined, limit: Number.isInteger(limit) && limit > 0 ? limit : 50 });
          for (const c of rows) {
            const reasons = c.reasons.map((r) => r.detail).join('; ');
            const excerpt = c.bodyText.replace(/\s+/g, ' ').slice(0, 60);
            out.write(`${c.id}\t${c.status}\t${c.createdAt.toISOString()}\t${c.authorName} <${c.authorEmail}>\tarticle ${c.articleId}\t${excerpt}${reasons ? `\t[${reasons}]` : ''}\n`);
          }
          if (rows.length === 0) out.write('no comments\n');
          return 0;
        }
        if (sub && actions.includes(sub as ModerationAction)) {
          const id = Number(idText);
          if (!Number.isInteger(id) || id <= 0) throw new AppError('comment_not_found', { message: `comments ${sub} needs a comment id` });
          const comment = await dateline.services.moderateComment({
            commentId: commentId(id),
            action: sub as ModerationAction,
            actor: `shell:${userInfo().username}`,
            reason: values.reason as string | undefined,
          });
          out.write(`comment ${comment.id} is now ${comment.status}\n`);
          return 0;
        }
        throw new AppError('transition_not_allowed', { message: `usage: dateline comments list|${actions.join('|')} …` });
      } catch (e) {
        if (e instanceof AppError && e.code === 'comment_not_found' && e.message === 'comment_not_found') {
          throw new AppError('comment_not_found', { message: `no comment with id ${idText}` });
        }
        throw e;
      } finally {
        await dateline.close();
      }
    },
  },

  import: {
    options: { 'skip-pings': { type: 'boolean' }, 'create-stubs': { type: 'boolean' } },
    run: ({ config, values, positionals, out, err }) =>
      runImport(config, { format: positionals[0], file: positionals[1], skipPings: values['skip-pings'] === true, createStubs: values['create-stubs'] === true }, out, err),
  },

  export: {
    options: { output: { type: 'string', short: 'o' } },
    run: ({ config, values, positionals, out }) => runExport(config, { format: positionals[0], output: values.output as string | undefined }, out),
  },

  privacy: {
    options: { 'delete-comments': { type: 'boolean' } },
    async run({ config, values, positionals, out }) {
      const [sub, email] = positionals;
      if ((sub !== 'export' && sub !== 'erase') || !email) throw new AppError('email_required', { message: 'usage: dateline privacy export|erase EMAIL [--delete-comments]' });
      const actor = `shell:${userInfo().username}`;
      const dateline = await createDateline(config);
      try {
        if (sub === 'export') {
          out.write((await dateline.services.yourData.exportFor(email, actor)).json);
          return 0;
        }
        const deleteComments = values['delete-comments'] === true;
        const { comments } = await dateline.services.yourData.eraseFor(email, { deleteComments, actor });
        out.write(`erased from ${comments} comment${comments === 1 ? '' : 's'}${deleteComments ? ' (text deleted)' : ''}\n`);
        return 0;
      } catch (e) {
        if (e instanceof InvalidFields) throw new AppError(e.code, { message: `${email} is not an email address` });
        throw e;
      } finally {
        await dateline.close();
      }
    },
  },
};
