// The desk: dashboard, moderation queue and its actions, the log, settings and staff.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, InvalidFields } from '../../domain/errors.ts';
import { articleId, commentId, staffId } from '../../domain/ids.ts';
import type { ModerationAction, ModerationLogEntry } from '../../domain/moderation.ts';
import type { DiscussionSettings } from '../../domain/settings.ts';
import { staffActor } from '../../domain/staff.ts';
import { queueTabs, type QueueTab } from '../../moderation/moderation-queue.ts';
import { settingRanges } from '../../moderation/save-settings.ts';
import { LogPageView, QueuePageView } from '../../views/admin/moderation-pages.tsx';
import { DashboardView, SettingsPageView, StaffPageView } from '../../views/admin/settings-pages.tsx';
import { statusForKind } from '../error-responses.ts';
import type { AdminDeps } from './admin-deps.ts';
import { adminContext, field, fields, formBody, sendAdminError, sendAdminPage } from './admin-pages.ts';
import { sessionOf } from './guard.ts';

const actions: readonly ModerationAction[] = ['approve', 'hold', 'spam', 'trash', 'restore'];
const pageSize = 50;
const dashboardDays = 14;

type QueueQuerystring = { status?: string; article?: string; author?: string; q?: string; before?: string; done?: string };

const positiveInt = (raw: string | undefined): number | undefined => (raw && /^\d{1,15}$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined);

export function createDeskRoutes(deps: AdminDeps) {
  const ctxOf = (request: FastifyRequest) => adminContext(deps.site, sessionOf(request));
  const staffLists = async () => {
    const [staff, recipients] = await Promise.all([deps.staff.list(), deps.heldCommentMail.heldCommentRecipients()]);
    return { staff, heldMail: new Set(recipients.map((r) => r.id)) };
  };
  const errorList = (e: AppError) => (e instanceof InvalidFields ? e.errors : [e]).map((x) => ({ field: x.field ?? null, message: x.code === 'setting_invalid' ? x.message : deps.site.messages.errors[x.code] }));

  async function showQueue(request: FastifyRequest, reply: FastifyReply) {
    const q = request.query as QueueQuerystring;
    const tab = (queueTabs as readonly string[]).includes(q.status ?? '') ? (q.status as QueueTab) : 'pending';
    const filters = { tab, article: String(positiveInt(q.article) ?? ''), author: (q.author ?? '').slice(0, 200), q: (q.q ?? '').slice(0, 200) };
    const page = await deps.queue({
      tab,
      articleId: positiveInt(q.article) === undefined ? undefined : articleId(positiveInt(q.article)!),
      author: filters.author || undefined,
      search: filters.q || undefined,
      before: positiveInt(q.before) === undefined ? undefined : commentId(positiveInt(q.before)!),
      limit: pageSize,
    });
    const done = positiveInt(q.done);
    return sendAdminPage(reply, QueuePageView({ ctx: ctxOf(request), page, filters, notice: done ? `${done} ${done === 1 ? 'comment' : 'comments'} updated.` : null }));
  }

  return {
    async dashboard(request: FastifyRequest, reply: FastifyReply) {
      const now = deps.clock.now();
      const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (dashboardDays - 1)));
      const [counts, perDay, recent] = await Promise.all([deps.comments.countByStatus({}), deps.comments.countPerDay({ since }), deps.moderationLog.listRecent({ limit: 10 })]);
      const days = Array.from({ length: dashboardDays }, (_, i) => new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10));
      return sendAdminPage(reply, DashboardView({ ctx: ctxOf(request), data: { pending: counts.pending ?? 0, perDay: days.map((day) => ({ day, count: perDay.get(day) ?? 0 })), recent } }));
    },

    showQueue,

    /** One action (a button `one=action:id`) or a bulk action on the ticked `ids`. */
    async actOnQueue(request: FastifyRequest, reply: FastifyReply) {
      const body = formBody(request);
      const [oneAction, oneId] = field(body, 'one').split(':');
      const action = (oneAction || field(body, 'action')) as ModerationAction;
      const ids = (oneAction ? [oneId ?? ''] : fields(body, 'ids')).map((x) => positiveInt(x)).filter((x): x is number => x !== undefined);
      if (oneAction === 'dismiss' && ids[0]) {
        const dismissed = await deps.dismissReports({ commentId: commentId(ids[0]), actor: staffActor(sessionOf(request).staff) });
        const back = new URLSearchParams(request.query as Record<string, string>);
        back.set('done', String(dismissed > 0 ? 1 : 0));
        return reply.redirect(`/admin/comments?${back}`, 303);
      }
      if ((oneAction === 'feature' || oneAction === 'unfeature') && ids[0]) {
        await deps.staffActions.feature({ commentId: commentId(ids[0]), on: oneAction === 'feature', staff: sessionOf(request).staff });
        const back = new URLSearchParams(request.query as Record<string, string>);
        back.set('done', '1');
        return reply.redirect(`/admin/comments?${back}`, 303);
      }
      if (!actions.includes(action) || ids.length === 0) return showQueue(request, reply);
      const actor = staffActor(sessionOf(request).staff);
      let done = 0;
      for (const id of ids.slice(0, 200)) {
        try {
          await deps.moderateComment({ commentId: commentId(id), action, actor });
          done++;
        } catch (e) {
          // A comment already in the target status (or gone) is skipped, not an error for the rest.
          if (!(e instanceof AppError)) throw e;
        }
      }
      const back = new URLSearchParams(request.query as Record<string, string>);
      back.set('done', String(done));
      return reply.redirect(`/admin/comments?${back}`, 303);
    },

    /** Edit a comment's text, or reply to it as staff (`comment_id`, `text`). */
    async writeOnComment(request: FastifyRequest, reply: FastifyReply) {
      const body = formBody(request);
      const id = positiveInt(field(body, 'comment_id'));
      const text = field(body, 'text');
      if (!id) return reply.redirect('/admin/comments', 303);
      const staff = sessionOf(request).staff;
      try {
        if (request.url.startsWith('/admin/comments/reply')) await deps.staffActions.reply({ parentId: commentId(id), text, staff });
        else await deps.staffActions.edit({ commentId: commentId(id), text, staff });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        return sendAdminError(deps, reply, e.code, sessionOf(request));
      }
      return reply.redirect(`/admin/comments?status=all&done=1`, 303);
    },

    async showLog(request: FastifyRequest, reply: FastifyReply) {
      const id = positiveInt((request.query as { comment?: string }).comment);
      const entries: ModerationLogEntry[] = id ? await deps.moderationLog.listForComment(commentId(id)) : await deps.moderationLog.listRecent({ limit: 200 });
      return sendAdminPage(reply, LogPageView({ ctx: ctxOf(request), entries, commentFilter: id ? String(id) : '' }));
    },

    async showSettings(request: FastifyRequest, reply: FastifyReply) {
      const saved = (request.query as { saved?: string }).saved === '1';
      const [settings, spamModel] = await Promise.all([deps.settings.discussion(), deps.spamModel.read([])]);
      return sendAdminPage(reply, SettingsPageView({ ctx: ctxOf(request), settings, spamLearned: spamModel.totals, errors: [], saved }));
    },

    async saveSettings(request: FastifyRequest, reply: FastifyReply) {
      const body = formBody(request);
      const lines = (name: string) => field(body, name).split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 1000);
      const changes: Partial<DiscussionSettings> = {
        requireNameEmail: field(body, 'requireNameEmail') === '1',
        holdAllComments: field(body, 'holdAllComments') === '1',
        requirePreviouslyApproved: field(body, 'requirePreviouslyApproved') === '1',
        pageComments: field(body, 'pageComments') === '1',
        holdProfanity: field(body, 'holdProfanity') === '1',
        ...(body.heldCommentMail === undefined ? {} : { heldCommentMail: field(body, 'heldCommentMail') as DiscussionSettings['heldCommentMail'] }),
        ...(body.reactionLabel === undefined ? {} : { reactionLabel: field(body, 'reactionLabel').trim() }),
        moderationWords: lines('moderationWords'),
        disallowedWords: lines('disallowedWords'),
        // A number the form did not send (a page opened before an upgrade) keeps its value; an empty one is an error.
        ...Object.fromEntries(Object.keys(settingRanges).filter((key) => body[key] !== undefined).map((key) => [key, field(body, key).trim() === '' ? Number.NaN : Number(field(body, key))])),
      };
      try {
        await deps.saveSettings(changes);
        return reply.redirect('/admin/settings?saved=1', 303);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const shown = { ...(await deps.settings.discussion()), ...changes } as DiscussionSettings;
        const spamLearned = (await deps.spamModel.read([])).totals;
        return sendAdminPage(reply, SettingsPageView({ ctx: ctxOf(request), settings: shown, spamLearned, errors: errorList(e), saved: false }), statusForKind[e.kind]);
      }
    },

    async showStaff(request: FastifyRequest, reply: FastifyReply) {
      return sendAdminPage(reply, StaffPageView({ ctx: ctxOf(request), ...(await staffLists()), errors: [], values: { name: '', email: '', role: 'moderator' } }));
    },

    async setHeldMail(request: FastifyRequest, reply: FastifyReply) {
      const body = formBody(request);
      const id = positiveInt(field(body, 'id'));
      if (id !== undefined) await deps.heldCommentMail.setHeldCommentMail(staffId(id), field(body, 'on') === '1');
      return reply.redirect('/admin/staff', 303);
    },

    async addStaff(request: FastifyRequest, reply: FastifyReply) {
      const body = formBody(request);
      const values = { name: field(body, 'name'), email: field(body, 'email'), role: field(body, 'role') };
      try {
        await deps.addStaff.addStaff({ ...values, password: field(body, 'password') });
        return reply.redirect('/admin/staff', 303);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        return sendAdminPage(reply, StaffPageView({ ctx: ctxOf(request), ...(await staffLists()), errors: errorList(e), values }), statusForKind[e.kind]);
      }
    },
  };
}
