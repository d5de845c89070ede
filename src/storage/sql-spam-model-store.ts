// SpamModelStore over Kysely: one upsert per batch of tokens, one `IN (…)` read per comment,
// the same SQL on SQLite and PostgreSQL. The row with the empty token holds the totals.

import type { Kysely } from 'kysely';
import type { CommentId } from '../domain/ids.ts';
import type { SpamLabel, SpamModelSlice, SpamModelStore, SpamTraining } from '../moderation/spam-model-store.ts';
import type { Database } from './schema.ts';

/** No real token is empty (spam-tokens.ts), so this row can count the learned comments. */
const totalsToken = '';

export class SqlSpamModelStore implements SpamModelStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async read(tokens: readonly string[]): Promise<SpamModelSlice> {
    const rows = await this.#db.selectFrom('spam_tokens').select(['token', 'spam', 'ham']).where('token', 'in', [totalsToken, ...tokens]).execute();
    const totals = rows.find((r) => r.token === totalsToken);
    return {
      totals: { spam: Number(totals?.spam ?? 0), ham: Number(totals?.ham ?? 0) },
      tokens: rows.filter((r) => r.token !== totalsToken).map((r) => ({ token: r.token, spam: Number(r.spam), ham: Number(r.ham) })),
    };
  }

  async trainingOf(commentId: CommentId): Promise<SpamTraining | undefined> {
    const row = await this.#db.selectFrom('spam_training').select(['label', 'tokens']).where('comment_id', '=', commentId).executeTakeFirst();
    return row ? { label: row.label as SpamLabel, tokens: JSON.parse(row.tokens) as string[] } : undefined;
  }

  async learn(commentId: CommentId, training: SpamTraining): Promise<void> {
    await this.#count(training, 1);
    await this.#db.insertInto('spam_training').values({ comment_id: commentId, label: training.label, tokens: JSON.stringify(training.tokens) }).execute();
  }

  async forget(commentId: CommentId, training: SpamTraining): Promise<void> {
    await this.#count(training, -1);
    // Tokens no learned comment contains any more go, so the table only holds what it knows.
    if (training.tokens.length > 0) await this.#db.deleteFrom('spam_tokens').where('token', 'in', training.tokens).where('spam', '=', 0).where('ham', '=', 0).execute();
    await this.#db.deleteFrom('spam_training').where('comment_id', '=', commentId).execute();
  }

  /** Adds `delta` to the label's count of every token and of the totals row, in one statement. */
  async #count(training: SpamTraining, delta: 1 | -1): Promise<void> {
    const spam = training.label === 'spam' ? delta : 0;
    const ham = training.label === 'ham' ? delta : 0;
    await this.#db
      .insertInto('spam_tokens')
      .values([totalsToken, ...training.tokens].map((token) => ({ token, spam, ham })))
      .onConflict((oc) =>
        oc.column('token').doUpdateSet((eb) => ({
          spam: eb('spam_tokens.spam', '+', eb.ref('excluded.spam')),
          ham: eb('spam_tokens.ham', '+', eb.ref('excluded.ham')),
        })),
      )
      .execute();
  }
}
