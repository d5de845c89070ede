// Mail from real `dateline serve` processes: two instances on one database, each running its
// outbox worker on its own timer, deliver every held-comment mail to a real SMTP server once.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createDateline } from '../../src/main.ts';
import { seedArticlePath, testConfig } from '../support/build-test-app.ts';
import { freshDatabaseUrl, testDialect } from '../support/dialects.ts';
import { postComment, runCli, siteEnv, startServer, waitFor } from '../support/server-process.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

describe('mail from running instances', () => {
  it('delivers each held-comment mail exactly once while two instances run their outbox workers', async (t) => {
    const sink = await startSmtpSink(t);
    const databaseUrl = await freshDatabaseUrl(t, testDialect);
    const env = siteEnv(t, databaseUrl, { SMTP_URL: sink.url, DATELINE_SECRET: 's'.repeat(32), DATELINE_PUBLIC_URL: 'https://news.example', LOG_LEVEL: 'warn' });
    const published = runCli(env, 'publish', fileURLToPath(seedArticlePath));
    assert.equal(published.code, 0, published.err);
    const articleId = /\(article (\d+)\)/.exec(published.out)?.[1];

    // Staff and settings from a third connection: every comment is held, two moderators hear of it.
    const admin = await createDateline(testConfig(env.DATELINE_DATA_DIR!, { databaseUrl, secret: env.DATELINE_SECRET! }));
    t.after(() => admin.close());
    await admin.stores.settings.saveDiscussion({ holdAllComments: true, floodIntervalSeconds: 0 });
    for (const n of [1, 2]) await admin.services.addStaff.addStaff({ email: `mod${n}@newsroom.example`, name: `Mod ${n}`, role: 'moderator', password: 'correct horse battery' });

    const [a, b] = await Promise.all([startServer(t, env), startServer(t, env)]);
    for (let n = 0; n < 6; n++) {
      const res = await postComment(n % 2 === 0 ? a.url : b.url, { comment: `Held comment ${n}.`, author: `Reader ${n}`, email: `reader${n}@example.com`, url: '', comment_post_ID: articleId!, comment_parent: '0' });
      assert.equal(res.status, 303, res.body);
    }

    await waitFor('every mail in the outbox to be sent', async () => (await admin.stores.outbox.counts()).sent === 12);
    const mails = await sink.waitForMessages(12);
    assert.equal(mails.length, 12);
    assert.equal(new Set(mails.map((m) => m.messageId)).size, 12, 'no message sent twice');
    assert.deepEqual((await admin.stores.outbox.counts()), { queued: 0, sending: 0, sent: 12, failed: 0 });
  });
});
