/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The article editor: the list of articles with their state and quick actions, the Markdown
// form with a preview (a button without JavaScript, live as you type with it), and revisions.

import { articlePath, isPublic, type Article } from '../../domain/article.ts';
import type { TrustedHtml } from '../../domain/trusted-html.ts';
import { RawHtml } from '../raw-html.tsx';
import { formatDate } from '../site.ts';
import { AdminLayout, Csrf, FieldErrors, type AdminContext } from './admin-layout.tsx';

type Errors = readonly { field: string | null; message: string }[];

/** The form's fields as typed (kept as they were when a save is refused). */
export interface ArticleFormValues {
  readonly title: string;
  readonly slug: string;
  readonly section: string;
  readonly summary: string;
  readonly tags: string;
  readonly body: string;
  /** A staff id, or '' for no byline. */
  readonly byline: string;
  readonly commentsOpen: boolean;
  /** draft: not public; now: public now (or since its date); schedule: public at `publishAt`. */
  readonly when: 'draft' | 'now' | 'schedule';
  /** `YYYY-MM-DDTHH:MM` in the site's time zone. */
  readonly publishAt: string;
}

export interface RevisionView {
  readonly id: number;
  readonly title: string;
  readonly status: string;
  readonly savedBy: string;
  readonly savedAt: Date;
}

export interface EditorProps {
  readonly ctx: AdminContext;
  /** Null for a new article. */
  readonly article: Article | null;
  readonly values: ArticleFormValues;
  readonly errors: Errors;
  readonly preview: TrustedHtml | null;
  readonly staff: readonly { id: number; name: string }[];
  readonly sections: readonly string[];
  readonly revisions: readonly RevisionView[];
  readonly notice: string | null;
  readonly now: Date;
}

/** Draft, Scheduled for …, or Published …: what readers can see of it now. */
export function articleState(ctx: AdminContext, article: Article, now: Date): string {
  if (article.status === 'draft') return 'Draft';
  if (!isPublic(article, now)) return `Scheduled for ${formatDate(ctx.site, article.publishedAt)}`;
  return `Published ${formatDate(ctx.site, article.publishedAt)}`;
}

export function ArticleListView({ ctx, articles, now, page, hasMore, notice }: { ctx: AdminContext; articles: readonly Article[]; now: Date; page: number; hasMore: boolean; notice: string | null }) {
  return (
    <AdminLayout ctx={ctx} title="Articles" current="/admin/articles">
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p>
        <a class="button-link" href="/admin/articles/new">
          Write a new article
        </a>
      </p>
      {articles.length === 0 ? (
        <p>No articles yet.</p>
      ) : (
        <table class="log article-table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">State</th>
              <th scope="col">By</th>
              <th scope="col">Section</th>
              <th scope="col">Comments</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {articles.map((a) => (
              <tr id={`article-${a.id}`}>
                <td>
                  <a href={`/admin/articles/${a.id}`}>{a.title}</a>
                  {isPublic(a, now) ? (
                    <>
                      {' '}
                      <a class="muted" href={articlePath(a)}>
                        view
                      </a>
                    </>
                  ) : null}
                </td>
                <td>{articleState(ctx, a, now)}</td>
                <td>{a.byline ?? '—'}</td>
                <td>{a.section ?? '—'}</td>
                <td>{a.commentsOpen ? 'open' : 'closed'}</td>
                <td>
                  <form method="post" action={`/admin/articles/${a.id}/act`} class="inline-actions">
                    <Csrf ctx={ctx} />
                    {a.status === 'published' ? (
                      <button type="submit" name="do" value="unpublish">
                        Unpublish
                      </button>
                    ) : (
                      <button type="submit" name="do" value="publish">
                        Publish now
                      </button>
                    )}{' '}
                    {a.commentsOpen ? (
                      <button type="submit" name="do" value="close-comments">
                        Close comments
                      </button>
                    ) : (
                      <button type="submit" name="do" value="open-comments">
                        Open comments
                      </button>
                    )}
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="pager">
        {page > 1 ? <a href={`/admin/articles?page=${page - 1}`}>Newer</a> : null} {hasMore ? <a href={`/admin/articles?page=${page + 1}`}>Older</a> : null}
      </p>
    </AdminLayout>
  );
}

const invalid = (errors: Errors, field: string) => (errors.some((e) => e.field === field) ? 'true' : undefined);

export function ArticleEditorView(p: EditorProps) {
  const { ctx, article, values: v, errors } = p;
  const action = article ? `/admin/articles/${article.id}` : '/admin/articles';
  const published = article !== null && article.status === 'published' && isPublic(article, p.now);
  return (
    <AdminLayout ctx={ctx} title={article ? `Edit “${article.title}”` : 'New article'} current="/admin/articles">
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      {article ? (
        <p class="muted">
          {articleState(ctx, article, p.now)}
          {published ? (
            <>
              {' · '}
              <a href={articlePath(article)}>view on the site</a>
            </>
          ) : null}
        </p>
      ) : null}
      <FieldErrors errors={errors} />
      <form method="post" action={action} class="admin-form article-editor" id="article-form">
        <Csrf ctx={ctx} />
        <p>
          <label for="title">Title</label>
          <input id="title" name="title" type="text" required maxLength={300} value={v.title} aria-invalid={invalid(errors, 'title')} />
        </p>
        <p>
          <label for="slug">Address (slug)</label>
          <input id="slug" name="slug" type="text" maxLength={80} pattern="[a-z0-9]+(-[a-z0-9]+)*" value={v.slug} aria-describedby="slug-help" aria-invalid={invalid(errors, 'slug')} />
          <span class="field-help" id="slug-help">
            Lower-case letters, digits and hyphens. Left empty, it is made from the title. Changing it changes the article’s address.
          </span>
        </p>
        <div class="field-row">
          <p>
            <label for="section">Section</label>
            <input id="section" name="section" type="text" maxLength={60} list="sections" value={v.section} aria-invalid={invalid(errors, 'section')} />
            <datalist id="sections">
              {p.sections.map((s) => (
                <option value={s} />
              ))}
            </datalist>
          </p>
          <p>
            <label for="tags">Tags</label>
            <input id="tags" name="tags" type="text" value={v.tags} aria-describedby="tags-help" aria-invalid={invalid(errors, 'tags')} />
            <span class="field-help" id="tags-help">
              Separated by commas.
            </span>
          </p>
          <p>
            <label for="byline">Byline</label>
            <select id="byline" name="byline">
              <option value="" selected={v.byline === ''}>
                No byline
              </option>
              {p.staff.map((s) => (
                <option value={String(s.id)} selected={v.byline === String(s.id)}>
                  {s.name}
                </option>
              ))}
            </select>
          </p>
        </div>
        <p>
          <label for="summary">Summary</label>
          <textarea id="summary" name="summary" rows={2} maxLength={1000} aria-describedby="summary-help" aria-invalid={invalid(errors, 'summary')}>
            {v.summary}
          </textarea>
          <span class="field-help" id="summary-help">
            One or two sentences for the front page and search engines.
          </span>
        </p>
        <p>
          <label for="body">Text (Markdown)</label>
          <textarea id="body" name="body" rows={20} class="markdown" data-preview-url="/admin/articles/preview" data-preview-target="article-preview-body" aria-describedby="body-help">
            {v.body}
          </textarea>
          <span class="field-help" id="body-help">
            Markdown: blank lines make paragraphs; ## headings, *emphasis*, [links](https://…), &gt; quotes, lists. Unsafe HTML is removed.
          </span>
        </p>
        <fieldset>
          <legend>Publication</legend>
          <p class="check">
            <input id="when-draft" type="radio" name="when" value="draft" checked={v.when === 'draft'} /> <label for="when-draft">Draft: not on the site</label>
          </p>
          <p class="check">
            <input id="when-now" type="radio" name="when" value="now" checked={v.when === 'now'} /> <label for="when-now">{published ? 'Published (keeps its date and address)' : 'Publish now'}</label>
          </p>
          <p class="check">
            <input id="when-schedule" type="radio" name="when" value="schedule" checked={v.when === 'schedule'} /> <label for="when-schedule">Publish at this time:</label>{' '}
            <input id="publish_at" name="publish_at" type="datetime-local" value={v.publishAt} aria-label="Publication time" aria-describedby="publish_at-help" aria-invalid={invalid(errors, 'publish_at')} />
            <span class="field-help" id="publish_at-help">
              In the site’s time zone ({ctx.site.timeZone}). A time in the future schedules the article: it appears then, with nothing more to do.
            </span>
          </p>
          <p class="check">
            <input id="commentsOpen" name="commentsOpen" type="checkbox" value="1" checked={v.commentsOpen} /> <label for="commentsOpen">Comments open</label>
          </p>
        </fieldset>
        <p class="form-actions">
          <button type="submit" class="submit" name="intent" value="save">
            {article ? 'Save' : 'Create'}
          </button>{' '}
          <button type="submit" name="intent" value="preview">
            Preview
          </button>
        </p>
      </form>
      <section class="article-preview" aria-labelledby="preview-title" id="article-preview" hidden={p.preview === null}>
        <h2 id="preview-title">Preview</h2>
        <div id="article-preview-body" class="article-body" aria-live="polite">
          {p.preview === null ? null : <RawHtml html={p.preview} />}
        </div>
      </section>
      {article ? <Revisions articleId={article.id} ctx={ctx} revisions={p.revisions} /> : null}
    </AdminLayout>
  );
}

function Revisions({ ctx, articleId, revisions }: { ctx: AdminContext; articleId: number; revisions: readonly RevisionView[] }) {
  return (
    <section class="revisions" aria-labelledby="revisions-title">
      <h2 id="revisions-title">Revisions</h2>
      {revisions.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ol reversed>
          {revisions.map((r) => (
            <li>
              <a href={`/admin/articles/${articleId}/revisions/${r.id}`}>
                <time dateTime={r.savedAt.toISOString()}>{formatDate(ctx.site, r.savedAt)}</time>
              </a>{' '}
              by {r.savedBy} — “{r.title}” ({r.status})
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export interface RevisionDetail extends RevisionView {
  readonly slug: string;
  readonly section: string | null;
  readonly summary: string | null;
  readonly bodyMarkdown: string;
  readonly tags: readonly string[];
  readonly publishedAt: Date;
  readonly commentsOpen: boolean;
}

export function RevisionPageView({ ctx, article, revision, html }: { ctx: AdminContext; article: Article; revision: RevisionDetail; html: TrustedHtml }) {
  return (
    <AdminLayout ctx={ctx} title={`Revision of “${article.title}”`} current="/admin/articles">
      <p>
        <a href={`/admin/articles/${article.id}`}>Back to the article</a>
      </p>
      <dl class="revision-meta">
        <dt>Saved</dt>
        <dd>
          {formatDate(ctx.site, revision.savedAt)} by {revision.savedBy}
        </dd>
        <dt>Title</dt>
        <dd>{revision.title}</dd>
        <dt>Address</dt>
        <dd>{revision.slug}</dd>
        <dt>State</dt>
        <dd>
          {revision.status}, dated {formatDate(ctx.site, revision.publishedAt)}, comments {revision.commentsOpen ? 'open' : 'closed'}
        </dd>
        <dt>Section</dt>
        <dd>{revision.section ?? '—'}</dd>
        <dt>Tags</dt>
        <dd>{revision.tags.length > 0 ? revision.tags.join(', ') : '—'}</dd>
        {revision.summary ? (
          <>
            <dt>Summary</dt>
            <dd>{revision.summary}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <label for="revision-markdown">Markdown of this revision (copy from here to bring text back)</label>
        <textarea id="revision-markdown" class="markdown" readOnly rows={16}>
          {revision.bodyMarkdown}
        </textarea>
      </p>
      <h2>As it read</h2>
      <RawHtml class="article-body" html={html} />
    </AdminLayout>
  );
}
