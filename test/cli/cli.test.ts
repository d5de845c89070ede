// The `dateline` command as an operator runs it: a real process, a real data directory.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDateline } from '../../src/main.ts';
import { commentId } from '../../src/domain/ids.ts';
import { renderCommentMarkdown } from '../../src/lib/markdown.ts';
import { seedArticlePath, testConfig } from '../support/build-test-app.ts';

const bin = fileURLToPath(new URL('../../bin/dateline.mjs', import.meta.url));

describe('dateline CLI', () => {
  let dir: string;
  const run = (...args: string[]) => runWith(undefined, ...args);
  const runWith = (input: string | undefined, ...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, DATELINE_DATA_DIR: dir, DATABASE_URL: '', DATELINE_SECRET: '' }, encoding: 'utf8', input });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates a new data directory and creates the secret there', () => {
    const r = run('migrate');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /up to date/);
    assert.ok(existsSync(join(dir, 'dateline.db')));
    assert.ok(existsSync(join(dir, 'secret')));
  });

  it('publishes an article from Markdown, and updates it when the same slug is published again', () => {
    const first = run('publish', fileURLToPath(seedArticlePath));
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /^published \/2026\/11\/25\/north-korean-soldiers-return-to-fanfare\/ \(article 1\)/);
    const again = run('publish', fileURLToPath(seedArticlePath));
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /^updated .* \(article 1\)/);
  });

  it('fails with a one-line reason and non-zero status for a bad file or command', () => {
    const bad = join(dir, 'bad.md');
    writeFileSync(bad, '---\ncomments: open\n---\nno title');
    const r = run('publish', bad);
    assert.notEqual(r.code, 0);
    assert.match(r.err, /^dateline: .*bad\.md: `title` is required\n$/);
    const missing = run('publish', join(dir, 'missing.md'));
    assert.notEqual(missing.code, 0);
    assert.match(missing.err, /cannot read/);
    const unknown = run('frobnicate');
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.err, /unknown command/);
  });

  it('adds a staff account with the password from standard input, never from the arguments', async () => {
    const r = runWith('a password from stdin\n', 'user', 'add', '--role', 'editor', '--email', 'Ed@Newsroom.example', '--name', 'Ed Itor');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /added editor Ed Itor <ed@newsroom.example>/);
    const short = runWith('short\n', 'user', 'add', '--role', 'editor', '--email', 'x@newsroom.example', '--name', 'X');
    assert.notEqual(short.code, 0);
    assert.match(short.err, /^dateline: --password \(stdin\): password too short\n$/);
    const badRole = runWith('a password from stdin\n', 'user', 'add', '--role', 'owner', '--email', 'y@newsroom.example', '--name', 'Y');
    assert.notEqual(badRole.code, 0);
    assert.match(badRole.err, /--role: role invalid/);
    const dateline = await createDateline({ ...testConfig(dir), secret: 'x'.repeat(32) });
    const { token } = await dateline.services.sessions.signIn({ email: 'ed@newsroom.example', password: 'a password from stdin', ip: '127.0.0.1' });
    await dateline.close();
    assert.ok(token);
  });

  it('lists held comments and moderates them, writing a log row for each action', async () => {
    const config = { ...testConfig(dir), secret: 'x'.repeat(32) };
    const dateline = await createDateline(config);
    const at = new Date();
    const c = await dateline.stores.comments.insert({
      articleId: 1 as never, parentId: null, authorName: 'Held Reader', authorEmail: 'held@example.com', authorUrl: null,
      bodyText: 'Please approve me', bodyHtml: renderCommentMarkdown('Please approve me'), status: 'pending',
      reasons: [{ check: 'first-time-commenter', code: 'first_comment', detail: 'no approved comment yet' }], ip: '192.0.2.1', ipHash: 'h', userAgent: 'ua', createdAt: at,
    });
    await dateline.close();

    const list = run('comments', 'list', '--status', 'pending');
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, new RegExp(`^${c.id}\\tpending\\t.*Held Reader <held@example.com>.*Please approve me.*\\[no approved comment yet\\]`, 'm'));
    const approve = run('comments', 'approve', String(c.id), '--reason', 'looks fine');
    assert.equal(approve.code, 0, approve.err);
    assert.match(approve.out, /is now approved/);
    assert.equal(run('comments', 'spam', String(c.id)).code, 0);
    assert.equal(run('comments', 'trash', String(c.id)).code, 0);
    const twice = run('comments', 'trash', String(c.id));
    assert.notEqual(twice.code, 0);
    assert.match(twice.err, /cannot trash a comment that is trash/);
    const none = run('comments', 'approve', '99999');
    assert.notEqual(none.code, 0);
    assert.match(none.err, /no comment with id 99999/);

    const reopened = await createDateline(config);
    const log = await reopened.stores.moderationLog.listForComment(commentId(c.id));
    await reopened.close();
    assert.deepEqual(log.map((e) => [e.action, e.fromStatus, e.toStatus]), [
      ['approve', 'pending', 'approved'],
      ['spam', 'approved', 'spam'],
      ['trash', 'spam', 'trash'],
    ]);
    assert.equal(log[0]?.reason, 'looks fine');
    assert.match(log[0]?.actor ?? '', /^shell:/);
  });
});
