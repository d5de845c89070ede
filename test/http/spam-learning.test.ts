// The local spam classifier end to end: moderators' spam and approve decisions teach it, a new
// comment that looks like what they spammed is held with its reason, an undone decision is
// unlearned exactly, and below the training minimum it holds nothing. Runs on either dialect.

import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Comment } from '../../src/domain/comment.ts';
import { buildTestApp, type TestApp } from '../support/build-test-app.ts';

const spamOpeners = ['Cheap', 'Discount', 'Best', 'Exclusive', 'Limited'];
const spamGoods = ['pills', 'casino bonus', 'replica watches', 'crypto signals', 'payday loans'];
const spamCalls = ['buy now at https://deals.example/offer', 'click here: https://win.example', 'visit www.bonus.example today', 'order online https://deals.example', 'free shipping, click https://win.example/now'];
const hamSubjects = ['The council', 'This article', 'The new budget', 'The mayor’s plan', 'The school board'];
const hamThoughts = ['should publish the numbers before the vote', 'misses how the bus routes changed last spring', 'explains the flooding risk better than the hearing did', 'left out what residents said at the meeting', 'reminds me of the library debate in 2019'];
const hamEndings = ['Thanks for the careful reporting.', 'I would like a follow-up on the costs.', 'My neighbours disagree, though.', 'Good to see the sources linked.', 'Does anyone know when the next hearing is?'];

/** The nth of 25 distinct spam texts (every combination of opener and goods, with a call to click). */
const spamText = (n: number) => `${spamOpeners[n % 5]} ${spamGoods[Math.floor(n / 5) % 5]}!!! ${spamCalls[(n + Math.floor(n / 5)) % 5]}`;
const hamText = (n: number) => `${hamSubjects[n % 5]} ${hamThoughts[Math.floor(n / 5) % 5]}. ${hamEndings[(n + 2 * Math.floor(n / 5)) % 5]}`;

async function setUp(t: TestContext) {
  // Held at first so moderators can approve; no other check gets in the classifier's way.
  const ctx = await buildTestApp(t, { settings: { holdAllComments: true, requirePreviouslyApproved: false, maxLinks: 0, floodIntervalSeconds: 0 } });
  const { article } = await ctx.publishSeedArticle();
  let n = 0;
  const submit = async (bodyText: string): Promise<Comment> => {
    n++;
    ctx.clock.advance(1);
    const { comment } = await ctx.dateline.services.submitComment({ articleId: article.id, parentId: null, authorName: `Reader ${n}`, authorEmail: `reader${n}@example.com`, authorUrl: '', bodyText, ip: `198.51.100.${n % 250}`, userAgent: 'test' });
    return comment;
  };
  return { ...ctx, submit };
}

/** Moderators mark `spam` spammy comments as spam and approve `ham` ordinary ones; then screening stops holding everything. */
async function train(ctx: TestApp & { submit: (text: string) => Promise<Comment> }, counts: { spam: number; ham: number }) {
  const spammed: Comment[] = [];
  for (let i = 0; i < counts.spam; i++) {
    const comment = await ctx.submit(spamText(i));
    spammed.push(await ctx.dateline.services.moderateComment({ commentId: comment.id, action: 'spam', actor: 'moderator 1' }));
  }
  for (let i = 0; i < counts.ham; i++) {
    const comment = await ctx.submit(hamText(i));
    await ctx.dateline.services.moderateComment({ commentId: comment.id, action: 'approve', actor: 'moderator 1' });
  }
  await ctx.dateline.stores.settings.saveDiscussion({ holdAllComments: false });
  return spammed;
}

describe('the spam classifier learns from moderators', () => {
  it('holds a new spammy comment with its reason, and lets an ordinary one through', async (t) => {
    const ctx = await setUp(t);
    await train(ctx, { spam: 25, ham: 25 });

    const spam = await ctx.submit('Exclusive casino bonus, click here: https://win.example/today');
    assert.equal(spam.status, 'pending');
    assert.deepEqual(spam.reasons.map((r) => r.code), ['likely_spam']);
    assert.match(spam.reasons[0]!.detail, /^spam filter: \d+% likely spam \(holding at 90%\)$/);

    const ordinary = await ctx.submit('The council should explain the budget at the next hearing. Thanks for the reporting.');
    assert.equal(ordinary.status, 'approved');
  });

  it('never sends a comment to spam on its own: a certain score only holds', async (t) => {
    const ctx = await setUp(t);
    await train(ctx, { spam: 25, ham: 25 });
    const spam = await ctx.submit(spamText(3));
    assert.equal(spam.status, 'pending');
  });

  it('unlearns a decision that a moderator undoes, exactly', async (t) => {
    const ctx = await setUp(t);
    const [first] = await train(ctx, { spam: 25, ham: 25 });
    const model = ctx.dateline.stores.spamModel;
    const before = await model.read(['casino', 'pills', 'host:deals.example']);
    assert.deepEqual(before.totals, { spam: 25, ham: 25 });

    await ctx.dateline.services.moderateComment({ commentId: first!.id, action: 'approve', actor: 'moderator 1' });
    const approved = await model.read(['casino', 'pills', 'host:deals.example']);
    assert.deepEqual(approved.totals, { spam: 24, ham: 26 });
    assert.deepEqual(
      approved.tokens.find((c) => c.token === 'pills'),
      { token: 'pills', spam: before.tokens.find((c) => c.token === 'pills')!.spam - 1, ham: 1 },
    );

    await ctx.dateline.services.moderateComment({ commentId: first!.id, action: 'spam', actor: 'moderator 1' });
    assert.deepEqual(await model.read(['casino', 'pills', 'host:deals.example']), before);

    await ctx.dateline.services.moderateComment({ commentId: first!.id, action: 'restore', actor: 'moderator 1' });
    assert.deepEqual((await model.read([])).totals, { spam: 24, ham: 25 });
  });

  it('learns nothing from automatic verdicts or from holding and trashing', async (t) => {
    const ctx = await setUp(t);
    await train(ctx, { spam: 20, ham: 20 });
    const held = await ctx.submit(spamText(7));
    await ctx.dateline.services.moderateComment({ commentId: held.id, action: 'trash', actor: 'moderator 1' });
    assert.deepEqual((await ctx.dateline.stores.spamModel.read([])).totals, { spam: 20, ham: 20 });
  });

  it('holds nothing by its score until it has learned 20 of each kind', async (t) => {
    const ctx = await setUp(t);
    await train(ctx, { spam: 19, ham: 25 });
    const spam = await ctx.submit(spamText(3));
    assert.equal(spam.status, 'approved');
  });

  it('holds nothing by its score when the threshold is 0', async (t) => {
    const ctx = await setUp(t);
    await train(ctx, { spam: 25, ham: 25 });
    await ctx.dateline.stores.settings.saveDiscussion({ spamHoldPercent: 0 });
    assert.equal((await ctx.submit(spamText(3))).status, 'approved');
  });

  it('forgets the words of an erased commenter’s comments, keeping only the counts', async (t) => {
    const ctx = await setUp(t);
    const [first] = await train(ctx, { spam: 2, ham: 0 });
    await ctx.dateline.stores.personalData.erase({ email: 'reader1@example.com', emailHash: 'unused', deleteText: true, placeholder: { text: '[deleted]', html: '<p>[deleted]</p>' }, at: ctx.clock.now() });
    assert.equal(await ctx.dateline.stores.spamModel.trainingOf(first!.id), undefined);
    assert.deepEqual((await ctx.dateline.stores.spamModel.read([])).totals, { spam: 2, ham: 0 });
  });

  it('tells admins on the settings page how much it has learned', async (t) => {
    const ctx = await setUp(t);
    await train(ctx, { spam: 3, ham: 1 });
    const { cookie } = await ctx.signIn('admin');
    const page = await ctx.app.inject({ url: '/admin/settings', headers: { cookie } });
    assert.match(page.body, /learned from 3 spam comments and 1 approved comment\./);
  });

  it('holds a comment with disguised profanity, naming the word by its first letter', async (t) => {
    const ctx = await setUp(t);
    await ctx.dateline.stores.settings.saveDiscussion({ holdAllComments: false });
    const comment = await ctx.submit('What a load of sh1t.');
    assert.equal(comment.status, 'pending');
    assert.deepEqual(comment.reasons.map((r) => r.detail), ['profanity: s*** in comment']);
  });
});
