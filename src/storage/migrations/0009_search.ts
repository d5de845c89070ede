// Full-text search: articles (headline, summary, body, weighted in that order) for readers,
// comments (author name and text) for the moderation queue. SQLite: FTS5 tables over the
// rows (external content). PostgreSQL: tsvector tables with a GIN index. Either way triggers
// keep them current on every write path (editor, command line, imports, `dateline copy`), and
// existing rows are indexed here. Tables named search_* are derived: never copied, never typed
// in schema.ts (their shape differs by dialect). Frozen: never edit after merge.

import { sql, type Kysely } from 'kysely';
import type { MigrationDialect } from './index.ts';

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const statements = dialect === 'postgres' ? postgresUp : sqliteUp;
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const statements = dialect === 'postgres' ? postgresDown : sqliteDown;
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// SQLite: external-content FTS5 tables read their text from the rows, so only the index is
// stored. The porter stemmer matches PostgreSQL's English configuration for articles ("elections"
// finds "election"); comments are matched word for word, as moderators look for exact words.
// An external-content index must be told the old text to forget it, hence delete-then-insert.
const ftsTriggers = (table: string, index: string, columns: readonly string[]) => {
  const cols = columns.join(', ');
  const values = (row: string) => columns.map((c) => `${row}.${c}`).join(', ');
  return [
    `create trigger ${index}_insert after insert on ${table} begin
       insert into ${index} (rowid, ${cols}) values (new.id, ${values('new')});
     end`,
    `create trigger ${index}_delete after delete on ${table} begin
       insert into ${index} (${index}, rowid, ${cols}) values ('delete', old.id, ${values('old')});
     end`,
    `create trigger ${index}_update after update of ${cols} on ${table} begin
       insert into ${index} (${index}, rowid, ${cols}) values ('delete', old.id, ${values('old')});
       insert into ${index} (rowid, ${cols}) values (new.id, ${values('new')});
     end`,
  ];
};

const sqliteUp = [
  `create virtual table search_articles using fts5(title, summary, body_markdown, content='articles', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')`,
  ...ftsTriggers('articles', 'search_articles', ['title', 'summary', 'body_markdown']),
  `insert into search_articles (search_articles) values ('rebuild')`,
  `create virtual table search_comments using fts5(author_name, body_text, content='comments', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`,
  ...ftsTriggers('comments', 'search_comments', ['author_name', 'body_text']),
  `insert into search_comments (search_comments) values ('rebuild')`,
];

const sqliteDown = [
  ...['insert', 'delete', 'update'].flatMap((op) => [`drop trigger search_comments_${op}`, `drop trigger search_articles_${op}`]),
  `drop table search_comments`,
  `drop table search_articles`,
];

// PostgreSQL: the document of a row, computed by the trigger and by the backfill alike.
// Weights A/B/C rank the headline over the summary over the body.
const articleDocument = (row: string) =>
  `setweight(to_tsvector('english', ${row}.title), 'A') || setweight(to_tsvector('english', coalesce(${row}.summary, '')), 'B') || setweight(to_tsvector('english', ${row}.body_markdown), 'C')`;
const commentDocument = (row: string) => `to_tsvector('simple', ${row}.author_name || ' ' || ${row}.body_text)`;

interface TsvectorIndex {
  readonly table: string;
  readonly index: string;
  readonly key: string;
  readonly document: (row: string) => string;
  readonly columns: string;
}

const tsvectorIndexes: readonly TsvectorIndex[] = [
  { table: 'articles', index: 'search_articles', key: 'article_id', document: articleDocument, columns: 'title, summary, body_markdown' },
  { table: 'comments', index: 'search_comments', key: 'comment_id', document: commentDocument, columns: 'author_name, body_text' },
];

const postgresUp = tsvectorIndexes.flatMap(({ table, index, key, document, columns }) => [
  `create table ${index} (${key} integer primary key references ${table} (id) on delete cascade, document tsvector not null)`,
  `create index ${index}_document on ${index} using gin (document)`,
  `create function ${index}_refresh() returns trigger language plpgsql as $$
   begin
     insert into ${index} (${key}, document) values (new.id, ${document('new')})
       on conflict (${key}) do update set document = excluded.document;
     return null;
   end
   $$`,
  `create trigger ${index}_refresh after insert or update of ${columns} on ${table} for each row execute function ${index}_refresh()`,
  `insert into ${index} (${key}, document) select id, ${document(table)} from ${table}`,
]);

const postgresDown = [...tsvectorIndexes].reverse().flatMap(({ table, index }) => [
  `drop trigger ${index}_refresh on ${table}`,
  `drop function ${index}_refresh()`,
  `drop table ${index}`,
]);
