// The article editor: list, new, edit (with a preview), quick actions (unpublish, publish now,
// close or open comments), revisions, and the live preview the script asks for. Every save
// goes through the publish use case, like the command line, so events fire and caches drop.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ArticleRevision, DeskArticle } from '../../articles/article-store.ts';
import type { PublishArticleInput } from '../../articles/publish-article.ts';
import { checkArticleFields, parseTags } from '../../articles/tags.ts';
import { isPublic, slugify } from '../../domain/article.ts';
import { AppError, InvalidFields } from '../../domain/errors.ts';
import { articleId, staffId, type ArticleId } from '../../domain/ids.ts';
import { renderArticleMarkdown } from '../../lib/markdown.ts';
import { ArticleEditorView, ArticleListView, RevisionPageView, type ArticleFormValues } from '../../views/admin/article-pages.tsx';
import { statusForKind } from '../error-responses.ts';
import type { AdminDeps } from './admin-deps.ts';
import { adminContext, field, formBody, sendAdminError, sendAdminPage } from './admin-pages.ts';
import { sessionOf } from './guard.ts';

const pageSize = 50;
const whens = ['draft', 'now', 'schedule'] as const;
const quickActions = { unpublish: 'Unpublished', publish: 'Published', 'close-comments': 'Comments closed', 'open-comments': 'Comments opened' } as const;

const positiveInt = (raw: string | undefined): number | undefined => (raw && /^\d{1,15}$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined);

export function createArticleRoutes(deps: AdminDeps) {
  const ctxOf = (request: FastifyRequest) => adminContext(deps.site, sessionOf(request));
  const tz = deps.site.timeZone;
  const errorList = (e: AppError) =>
    (e instanceof InvalidFields ? e.errors : [e]).map((x) => ({ field: x.field ?? null, message: x.code === 'front_matter_invalid' ? x.message : deps.site.messages.errors[x.code] }));

  const idParam = (request: FastifyRequest): ArticleId | undefined => {
    const n = positiveInt((request.params as { id?: string }).id);
    return n === undefined ? undefined : articleId(n);
  };

  /** The form as the editor opens it for an article. */
  function valuesOf(desk: DeskArticle): ArticleFormValues {
    const a = desk.article;
    const now = deps.clock.now();
    return {
      title: a.title,
      slug: a.slug,
      section: a.section ?? '',
      summary: a.summary ?? '',
      tags: desk.tags.join(', '),
      body: a.bodyMarkdown,
      byline: desk.authorStaffId === null ? '' : String(desk.authorStaffId),
      commentsOpen: a.commentsOpen,
      when: a.status === 'draft' ? 'draft' : isPublic(a, now) ? 'now' : 'schedule',
      publishAt: toLocalInput(a.publishedAt, tz),
    };
  }

  function readForm(request: FastifyRequest): ArticleFormValues {
    const body = formBody(request);
    const when = field(body, 'when');
    return {
      title: field(body, 'title'),
      slug: field(body, 'slug').trim(),
      section: field(body, 'section'),
      summary: field(body, 'summary'),
      tags: field(body, 'tags'),
      body: field(body, 'body').replace(/\r\n/g, '\n'),
      byline: field(body, 'byline'),
      commentsOpen: field(body, 'commentsOpen') === '1',
      when: (whens as readonly string[]).includes(when) ? (when as ArticleFormValues['when']) : 'draft',
      publishAt: field(body, 'publish_at'),
    };
  }

  async function renderEditor(request: FastifyRequest, reply: FastifyReply, o: { desk: DeskArticle | null; values: ArticleFormValues; errors?: ReturnType<typeof errorList>; preview?: boolean; notice?: string | null; status?: number }) {
    const id = o.desk?.article.id;
    const [staff, sections, revisions] = await Promise.all([deps.staff.list(), deps.articles.listSections(), id === undefined ? Promise.resolve([]) : deps.articles.listRevisions(id)]);
    return sendAdminPage(
      reply,
      ArticleEditorView({
        ctx: ctxOf(request),
        article: o.desk?.article ?? null,
        values: o.values,
        errors: o.errors ?? [],
        preview: o.preview ? renderArticleMarkdown(o.values.body) : null,
        staff: staff.map((s) => ({ id: s.id, name: s.name })),
        sections,
        revisions,
        notice: o.notice ?? null,
        now: deps.clock.now(),
      }),
      o.status ?? 200,
    );
  }

  /** Saves the form (new when `desk` is null): a redirect, or the form again with its errors. */
  async function save(request: FastifyRequest, reply: FastifyReply, desk: DeskArticle | null) {
    const v = readForm(request);
    if (field(formBody(request), 'intent') === 'preview') return renderEditor(request, reply, { desk, values: v, preview: true });
    const staff = sessionOf(request).staff;
    const now = deps.clock.now();
    const slug = v.slug || slugify(v.title);
    const formErrors: AppError[] = [];
    let publishedAt: Date | null = null;
    if (v.when === 'schedule') {
      publishedAt = fromLocalInput(v.publishAt, tz);
      if (!publishedAt) formErrors.push(new AppError('front_matter_invalid', { field: 'publish_at', message: 'Please give the publication time as a date and time, like 2026-12-01 09:00.' }));
    } else if (v.when === 'now') {
      // Already public: it stays published since its date (and keeps its address).
      publishedAt = desk && isPublic(desk.article, now) ? desk.article.publishedAt : now;
    }
    let authorStaffId = null;
    if (v.byline !== '') {
      const n = positiveInt(v.byline);
      const author = n === undefined ? undefined : await deps.staff.findById(staffId(n));
      if (!author) formErrors.push(new AppError('front_matter_invalid', { field: 'byline', message: 'Choose a byline from the list.' }));
      else authorStaffId = author.id;
    }
    const input: PublishArticleInput = {
      ...(desk ? { id: desk.article.id } : { create: true }),
      title: v.title,
      slug,
      section: v.section.trim() || null,
      summary: v.summary.trim() || null,
      bodyMarkdown: v.body,
      status: v.when === 'draft' ? 'draft' : 'published',
      publishedAt,
      commentsOpen: v.commentsOpen,
      authorStaffId,
      tags: v.tags,
      savedBy: { staffId: staff.id, name: staff.name },
    };
    try {
      // Show every problem at once: the form's own, then the use case's field rules.
      if (formErrors.length > 0) throw new InvalidFields([...checkArticleFields(input), ...parseTags(v.tags).errors, ...formErrors]);
      const { article } = await deps.publishArticle(input);
      return reply.redirect(`/admin/articles/${article.id}?saved=1`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.code === 'article_not_found') throw e;
      return renderEditor(request, reply, { desk, values: v, errors: errorList(e), status: statusForKind[e.kind] });
    }
  }

  async function loadDesk(request: FastifyRequest, reply: FastifyReply): Promise<DeskArticle | undefined> {
    const id = idParam(request);
    const desk = id === undefined ? undefined : await deps.articles.findForDesk(id);
    if (!desk) await sendAdminError(deps, reply, 'article_not_found', sessionOf(request));
    return desk;
  }

  return {
    async showArticles(request: FastifyRequest, reply: FastifyReply) {
      const q = request.query as { page?: string; did?: string };
      const page = positiveInt(q.page) ?? 1;
      const rows = await deps.articles.listForDesk({ limit: pageSize + 1, offset: (page - 1) * pageSize });
      const did = Object.hasOwn(quickActions, q.did ?? '') ? `${quickActions[q.did as keyof typeof quickActions]}.` : null;
      return sendAdminPage(reply, ArticleListView({ ctx: ctxOf(request), articles: rows.slice(0, pageSize), now: deps.clock.now(), page, hasMore: rows.length > pageSize, notice: did }));
    },

    async newArticle(request: FastifyRequest, reply: FastifyReply) {
      const me = sessionOf(request).staff;
      const values: ArticleFormValues = { title: '', slug: '', section: '', summary: '', tags: '', body: '', byline: String(me.id), commentsOpen: true, when: 'now', publishAt: '' };
      return renderEditor(request, reply, { desk: null, values });
    },

    async createArticle(request: FastifyRequest, reply: FastifyReply) {
      return save(request, reply, null);
    },

    async editArticle(request: FastifyRequest, reply: FastifyReply) {
      const desk = await loadDesk(request, reply);
      if (!desk) return reply;
      const saved = (request.query as { saved?: string }).saved === '1';
      return renderEditor(request, reply, { desk, values: valuesOf(desk), notice: saved ? 'Saved.' : null });
    },

    async saveArticle(request: FastifyRequest, reply: FastifyReply) {
      const desk = await loadDesk(request, reply);
      if (!desk) return reply;
      return save(request, reply, desk);
    },

    /** One button from the list: unpublish, publish now, close or open comments. */
    async actOnArticle(request: FastifyRequest, reply: FastifyReply) {
      const desk = await loadDesk(request, reply);
      if (!desk) return reply;
      const what = field(formBody(request), 'do');
      if (!Object.hasOwn(quickActions, what)) return reply.redirect('/admin/articles', 303);
      const a = desk.article;
      const now = deps.clock.now();
      const staff = sessionOf(request).staff;
      await deps.publishArticle({
        id: a.id,
        title: a.title,
        slug: a.slug,
        section: a.section,
        summary: a.summary,
        bodyMarkdown: a.bodyMarkdown,
        status: what === 'unpublish' ? 'draft' : what === 'publish' ? 'published' : a.status,
        // Publishing a draft now dates it now; a scheduled one keeps its time.
        publishedAt: what === 'publish' && a.status === 'draft' ? now : a.publishedAt,
        commentsOpen: what === 'close-comments' ? false : what === 'open-comments' ? true : a.commentsOpen,
        savedBy: { staffId: staff.id, name: staff.name },
      });
      return reply.redirect(`/admin/articles?did=${what}#article-${a.id}`, 303);
    },

    /** The live preview: Markdown in, sanitised HTML out (a fragment for the script). */
    async previewArticle(request: FastifyRequest, reply: FastifyReply) {
      const html = renderArticleMarkdown(field(formBody(request), 'body'));
      return reply.header('content-type', 'text/html; charset=utf-8').send(html);
    },

    async showRevision(request: FastifyRequest, reply: FastifyReply) {
      const desk = await loadDesk(request, reply);
      if (!desk) return reply;
      const revisionId = positiveInt((request.params as { revision?: string }).revision);
      const revision: ArticleRevision | undefined = revisionId === undefined ? undefined : await deps.articles.findRevision(desk.article.id, revisionId);
      if (!revision) return sendAdminError(deps, reply, 'article_not_found', sessionOf(request));
      return sendAdminPage(reply, RevisionPageView({ ctx: ctxOf(request), article: desk.article, revision, html: renderArticleMarkdown(revision.bodyMarkdown) }));
    },
  };
}

export type ArticleRoutes = ReturnType<typeof createArticleRoutes>;

/** `YYYY-MM-DDTHH:MM` as a wall-clock time in `timeZone` → the instant, or null if malformed. */
export function fromLocalInput(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  // The zone's offset at the guess, then again at the corrected instant (DST edges).
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone);
  return new Date(t);
}

/** The instant as `YYYY-MM-DDTHH:MM` on the wall clocks of `timeZone`. */
export function toLocalInput(date: Date, timeZone: string): string {
  return new Date(date.getTime() + offsetAt(date.getTime(), timeZone)).toISOString().slice(0, 16);
}

function offsetAt(t: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(t))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(t / 1000) * 1000;
}
