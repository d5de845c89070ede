// GET an article at /YYYY/MM/DD/slug/: from the page cache for anonymous readers, rendered
// fresh for a reader with personal state. Also renders the page again for a form error.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { articlePath, commentsCloseAt, isCommentingOpen, isPublic, type Article } from '../../domain/article.ts';
import type { CommentId } from '../../domain/ids.ts';
import { discussionQuery, foldedReplies, parseCommentSort, type CommentSort, type DiscussionView } from '../../domain/discussion-view.ts';
import { ArticlePage } from '../../views/article-page.tsx';
import { EmbedPage } from '../../views/embed-page.tsx';
import { embedPath } from './embed-frame.ts';
import { emptyFormValues, type CommentFormValues, type FormError } from '../../views/comment-form.tsx';
import type { Challenge } from '../../comments/form-token.ts';
import { renderDocument } from '../../views/layout.tsx';
import { articleTag, frontPageTag } from '../page-cache.ts';
import { livePath } from '../live-stream.ts';
import type { PageDeps } from '../page-deps.ts';
import { sendPersonalPage, sendSharedPage, toCachedPage } from '../send-page.ts';
import { siteBaseUrl } from '../send-shared-document.ts';
import { sendNotFound } from './error-pages.ts';

interface ArticleParams {
  year: string;
  month: string;
  day: string;
  slug: string;
}

/** Rendering for an embed page (views/embed-page.tsx): whether to say the reader's comment was held. */
export interface EmbedView {
  readonly held: boolean;
}

export interface FormState {
  readonly values: CommentFormValues;
  readonly errors: readonly FormError[];
  readonly replyToId: number | null;
  /** Over a rate limit: the puzzle to show with the form. */
  readonly challenge?: Challenge;
  /** The token the reader's form came with, kept when the form is shown again after an error (it dates the first showing). */
  readonly formToken?: string;
}

export function createArticlePage(deps: PageDeps) {
  /**
   * The whole page as HTML for this reader, with the form in the given state; null when `view.page` is past the last, or
   * `view.expand` is not a folded thread of that page (both are redirected, so no cache key is made of them). `view.origin`: siteBaseUrl.
   */
  async function renderArticle(article: Article, form: FormState, ownPendingIds: readonly CommentId[], view: { origin: string; page?: number; editable?: ReadonlySet<number>; sort?: CommentSort; expand?: number | null; embed?: EmbedView }): Promise<string | null> {
    const page = view.page ?? 1;
    const sort = view.sort ?? 'oldest';
    const expand = view.expand ?? null;
    const now = deps.clock.now();
    // Taken before the comments are read: the page shows at least every live event up to it.
    const liveAfter = deps.live.cursor();
    const [discussion, settings] = await Promise.all([deps.listDiscussion(article, ownPendingIds, page, sort), deps.settings.discussion()]);
    if (page > discussion.pageCount) return null;
    if (expand !== null && !discussion.thread.some((root) => root.comment.id === expand && foldedReplies(root).size > 0)) return null;
    const parent = form.replyToId === null ? undefined : findApproved(discussion.thread, form.replyToId);
    const props = {
      site: deps.site,
      article,
      discussion,
      commentsOpen: isCommentingOpen(article, settings, now),
      commentPages: { current: discussion.page, count: discussion.pageCount },
      live: { url: livePath(article.id), after: liveAfter, threadDepth: discussion.threadDepth },
      editable: view.editable,
      conversation: { view: { sort, page, expand }, featured: discussion.featured, reactionLabel: settings.reactionLabel },
      form: {
        values: form.values,
        errors: form.errors,
        replyTo: parent ? { id: parent.id, authorName: parent.authorName } : null,
        formToken: form.formToken ?? deps.formTokens.issue(article.id, now),
        challenge: form.challenge ?? null,
      },
    };
    // The same discussion inside another site's page: its own frame, its links to the embed page.
    if (view.embed) return renderDocument(EmbedPage({ ...props, path: embedPath(article), held: view.embed.held }));
    return renderDocument(ArticlePage({ ...props, origin: view.origin }));
  }

  async function show(request: FastifyRequest<{ Params: ArticleParams; Querystring: { replytocom?: string; cpage?: string; csort?: string; expand?: string } }>, reply: FastifyReply) {
    if (deps.changedElsewhere()) deps.cache.clear();
    const path = request.url.split('?')[0] ?? request.url;
    const replyToId = parseId(request.query.replytocom);
    // Comment pages: ?cpage=N (N ≥ 2); page 1 is the article's own URL, and is what a missing or malformed cpage means.
    const page = parseId(request.query.cpage) ?? 1;
    // The order (?csort=, unknown = oldest) and one thread unfolded (?expand=ID): every view is its own cached page, all tagged by the article.
    const view: DiscussionView = { sort: parseCommentSort(request.query.csort), page, expand: parseId(request.query.expand) };
    const origin = siteBaseUrl(deps, request);
    // Absolute links taken from the Host header differ by host, so the host is part of the key then.
    const key = `${deps.publicUrl === null ? origin : ''}${path}${discussionQuery(view)}`;
    const personal = deps.cookies.isPersonal(request) || replyToId !== null;
    if (!personal) {
      const cached = deps.cache.get(key, deps.clock.now()) ?? (await deps.cache.rendered(key));
      if (cached) return sendSharedPage(request, reply, cached);
    }
    const generation = deps.cache.generation();
    const finish = personal ? () => undefined : deps.cache.beginRender(key, generation);
    try {
      return await showFresh(request, reply, { path, replyToId, view, origin, key, personal, generation });
    } finally {
      finish();
    }
  }

  async function showFresh(
    request: FastifyRequest<{ Params: ArticleParams }>,
    reply: FastifyReply,
    { path, replyToId, view, origin, key, personal, generation }: { path: string; replyToId: number | null; view: DiscussionView; origin: string; key: string; personal: boolean; generation: number },
  ) {
    const article = await deps.articles.findBySlug(request.params.slug);
    // Through the not-found handler, so an imported article's old permalink of this shape still redirects.
    if (!article || !isPublic(article, deps.clock.now())) return reply.callNotFound();
    // An embed thread's discussion lives on the other site's page.
    if (article.externalUrl) return reply.redirect(article.externalUrl, 301);
    const canonical = articlePath(article);
    if (canonical !== path) return reply.redirect(canonical, 301);

    if (!personal) {
      const html = await renderArticle(article, { values: emptyFormValues, errors: [], replyToId: null }, [], { origin, ...view });
      if (html === null) return redirectToShownView(reply, canonical, view); // past the last page (comments were removed, or paging turned off), or nothing to expand
      const cachedPage = toCachedPage(html, deps.cache.lastModifiedFor(key, deps.clock.now()));
      const settings = await deps.settings.discussion();
      deps.cache.set(key, { tags: [articleTag(article.id), frontPageTag], page: cachedPage, generation, expiresAt: commentsCloseAt(article, settings) });
      return sendSharedPage(request, reply, cachedPage);
    }
    const remembered = deps.cookies.remembered(request);
    const values = remembered
      ? { ...emptyFormValues, author: remembered.name, email: remembered.email, url: remembered.url, consent: true }
      : emptyFormValues;
    const html = await renderArticle(article, { values, errors: [], replyToId }, deps.cookies.pendingIds(request, deps.clock.now()), { origin, ...view, editable: editableIds(deps, request) });
    if (html === null) return redirectToShownView(reply, canonical, view);
    return sendPersonalPage(reply, html);
  }

  return { show, renderArticle };
}

export type ArticlePageHandlers = ReturnType<typeof createArticlePage>;

/** A view that does not exist: a thread that is not folded there loses `expand` (302: it may fold later); a page past the last goes to the first (301). */
function redirectToShownView(reply: FastifyReply, canonical: string, view: DiscussionView) {
  if (view.expand !== null) return reply.redirect(`${canonical}${discussionQuery({ ...view, expand: null })}#comments`, 302);
  return reply.redirect(`${canonical}${discussionQuery({ ...view, page: 1 })}#comments`, 301);
}

/** The reader's own comments whose edit window is still open: they get Edit and Delete links. */
function editableIds(deps: PageDeps, request: FastifyRequest): ReadonlySet<number> {
  const now = deps.clock.now();
  return new Set([...deps.cookies.ownComments(request, now)].filter(([, until]) => until > now).map(([id]) => id));
}

function parseId(raw: string | undefined): number | null {
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

function findApproved(thread: readonly { comment: { id: number; authorName: string; status: string }; replies: any[] }[], id: number): { id: number; authorName: string } | undefined {
  for (const node of thread) {
    if (node.comment.id === id) return node.comment.status === 'approved' ? node.comment : undefined;
    const inner = findApproved(node.replies, id);
    if (inner) return inner;
  }
  return undefined;
}
