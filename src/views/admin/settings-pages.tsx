/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// Discussion settings (WordPress's names in the help text), the staff list, and the dashboard.

import type { DiscussionSettings } from '../../domain/settings.ts';
import type { StaffId } from '../../domain/ids.ts';
import type { Staff } from '../../domain/staff.ts';
import type { ModerationLogEntry } from '../../domain/moderation.ts';
import { formatDate } from '../site.ts';
import { AdminLayout, Csrf, FieldErrors, type AdminContext } from './admin-layout.tsx';

type Errors = readonly { field: string | null; message: string }[];

function NumberField({ name, label, value, help, min, max }: { name: string; label: string; value: number; help: string; min: number; max: number }) {
  return (
    <p>
      <label for={name}>{label}</label>
      <input id={name} name={name} type="number" min={min} max={max} step={1} value={String(value)} aria-describedby={`${name}-help`} />
      <span class="field-help" id={`${name}-help`}>
        {help}
      </span>
    </p>
  );
}

function Check({ name, label, checked, help }: { name: string; label: string; checked: boolean; help: string }) {
  return (
    <p class="check">
      <input id={name} name={name} type="checkbox" value="1" checked={checked} aria-describedby={`${name}-help`} /> <label for={name}>{label}</label>
      <span class="field-help" id={`${name}-help`}>
        {help}
      </span>
    </p>
  );
}

/** How many comments the spam filter has learned as spam and as approved. */
type SpamLearned = { readonly spam: number; readonly ham: number };

export function SettingsPageView({ ctx, settings, spamLearned, errors, saved }: { ctx: AdminContext; settings: DiscussionSettings; spamLearned: SpamLearned; errors: Errors; saved: boolean }) {
  return (
    <AdminLayout ctx={ctx} title="Discussion settings" current="/admin/settings">
      <FieldErrors errors={errors} />
      {saved ? (
        <p class="notice" role="status">
          Saved. Every page shows the new settings now.
        </p>
      ) : null}
      <form method="post" action="/admin/settings" class="admin-form">
        <Csrf ctx={ctx} />
        <fieldset>
          <legend>Before a comment appears</legend>
          <Check name="requireNameEmail" label="Comment author must fill out name and email" checked={settings.requireNameEmail} help="WordPress: require_name_email." />
          <Check name="holdAllComments" label="Comment must be manually approved" checked={settings.holdAllComments} help="Every comment waits for a moderator." />
          <Check name="requirePreviouslyApproved" label="Comment author must have a previously approved comment" checked={settings.requirePreviouslyApproved} help="Same name and email; after one approval, their comments appear at once." />
        </fieldset>
        <fieldset>
          <legend>Moderation</legend>
          <NumberField name="maxLinks" label="Hold a comment with this many links or more" value={settings.maxLinks} min={0} max={100} help="0 turns this off. Bare web addresses count as links." />
          <p>
            <label for="moderationWords">Hold comments containing any of these words</label>
            <textarea id="moderationWords" name="moderationWords" rows={5} aria-describedby="moderationWords-help">
              {settings.moderationWords.join('\n')}
            </textarea>
            <span class="field-help" id="moderationWords-help">
              One word or IP address per line. It matches inside words, so “press” matches “WordPress”.
            </span>
          </p>
          <p>
            <label for="disallowedWords">Send comments containing any of these words to spam</label>
            <textarea id="disallowedWords" name="disallowedWords" rows={5} aria-describedby="disallowedWords-help">
              {settings.disallowedWords.join('\n')}
            </textarea>
            <span class="field-help" id="disallowedWords-help">
              Same matching. The commenter is not told.
            </span>
          </p>
          <Check name="holdProfanity" label="Hold comments with profanity" checked={settings.holdProfanity} help="In the comment or the name, disguised spellings too (“f u c k”, “sh1t”). Words that name news topics (sex, rape, porn…) are not counted." />
          <NumberField name="spamHoldPercent" label="Hold comments the spam filter rates at least this likely spam (%)" value={settings.spamHoldPercent} min={0} max={100} help="The filter learns from your decisions: each comment you mark as spam or approve. It starts rating once it has 20 of each. 0 turns this off." />
          <p class="field-help" id="spam-learned">
            So far it has learned from {spamLearned.spam} {spamLearned.spam === 1 ? 'spam comment' : 'spam comments'} and {spamLearned.ham} approved {spamLearned.ham === 1 ? 'comment' : 'comments'}.
          </p>
          <NumberField name="rateLimitPerHour" label="Comments one address or one email may post in an hour" value={settings.rateLimitPerHour} min={0} max={10000} help="Past it, the commenter solves a short puzzle in the browser (or, without JavaScript, chooses to have the comment held). 0 turns this off." />
          <NumberField name="rateLimitPerArticlePerMinute" label="Comments one article may receive in a minute" value={settings.rateLimitPerArticlePerMinute} min={0} max={10000} help="From everyone together; past it, the same puzzle. 0 turns this off." />
          <NumberField name="floodIntervalSeconds" label="Seconds between two comments from one address or email" value={settings.floodIntervalSeconds} min={0} max={3600} help="WordPress uses 15. 0 turns flood control off." />
        </fieldset>
        <fieldset>
          <legend>Threads and closing</legend>
          <NumberField name="threadDepth" label="Nest replies this many levels deep" value={settings.threadDepth} min={1} max={10} help="Deeper replies show at the last level." />
          <Check name="pageComments" label="Break comments into pages" checked={settings.pageComments} help="Long discussions load faster; readers move between pages with links." />
          <NumberField name="commentsPerPage" label="Top-level comments per page" value={settings.commentsPerPage} min={1} max={1000} help="WordPress uses 50." />
          <NumberField name="closeCommentsAfterDays" label="Close comments on articles older than this many days" value={settings.closeCommentsAfterDays} min={0} max={36500} help="0 keeps comments open." />
          <p>
            <label for="reactionLabel">Name of the reaction readers give a comment</label>
            <input type="text" id="reactionLabel" name="reactionLabel" value={settings.reactionLabel} required maxLength={40} aria-describedby="reactionLabel-help" />
            <span class="field-help" id="reactionLabel-help">
              One positive reaction per comment, counted once per reader; pressing it again takes it back. Coral calls it “Respect”.
            </span>
          </p>
        </fieldset>
        <fieldset>
          <legend>Readers’ edits and reports</legend>
          <NumberField name="editWindowMinutes" label="Minutes a commenter may edit or delete their comment" value={settings.editWindowMinutes} min={0} max={1440} help="From the browser they posted from, without an account. Edits are checked again like new comments. 0 turns editing off." />
          <NumberField name="reportsToHold" label="Hold a comment reported by this many readers" value={settings.reportsToHold} min={0} max={1000} help="It goes back to Pending until a moderator decides. Readers on one network count once. 0: reports only reach the Reported tab." />
        </fieldset>
        <fieldset>
          <legend>Mail to moderators</legend>
          <p>
            <label for="heldCommentMail">When a comment is held</label>
            <select id="heldCommentMail" name="heldCommentMail" aria-describedby="heldCommentMail-help">
              {[
                ['each', 'Mail admins and moderators about each one'],
                ['digest', 'Mail them a digest of held comments'],
                ['off', 'Send no mail'],
              ].map(([v, l]) => (
                <option value={v} selected={settings.heldCommentMail === v}>
                  {l}
                </option>
              ))}
            </select>
            <span class="field-help" id="heldCommentMail-help">
              WordPress: moderation_notify. Each mail has links to approve, spam or trash in one click. Anyone can stop them from the mail.
            </span>
          </p>
          <NumberField name="heldCommentDigestMinutes" label="Minutes between two digests" value={settings.heldCommentDigestMinutes} min={5} max={10080} help="A digest goes out only when new comments were held since the last one." />
        </fieldset>
        <fieldset>
          <legend>Privacy</legend>
          <NumberField name="ipRetentionDays" label="Keep commenters’ full IP addresses for this many days" value={settings.ipRetentionDays} min={1} max={3650} help="After that only the network is kept (IPv4 /24, IPv6 /64)." />
        </fieldset>
        <p>
          <button type="submit" class="submit">
            Save settings
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}

export interface StaffPageProps {
  readonly ctx: AdminContext;
  readonly staff: readonly Staff[];
  /** Admins and moderators who get a mail about held comments. */
  readonly heldMail: ReadonlySet<StaffId>;
  readonly errors: Errors;
  readonly values: { name: string; email: string; role: string };
}

/** On or off for an admin or moderator, with the button that flips it; editors get none. */
function HeldMailCell({ ctx, member, on }: { ctx: AdminContext; member: Staff; on: boolean }) {
  if (member.role === 'editor') return <td>—</td>;
  return (
    <td>
      <form method="post" action="/admin/staff/mail" class="inline-form">
        <Csrf ctx={ctx} />
        <input type="hidden" name="id" value={String(member.id)} />
        <input type="hidden" name="on" value={on ? '0' : '1'} />
        {on ? 'On' : 'Off'}{' '}
        <button type="submit" aria-label={`${on ? 'Turn off' : 'Turn on'} held-comment mail for ${member.name}`}>
          {on ? 'Turn off' : 'Turn on'}
        </button>
      </form>
    </td>
  );
}

export function StaffPageView({ ctx, staff, heldMail, errors, values }: StaffPageProps) {
  return (
    <AdminLayout ctx={ctx} title="Staff" current="/admin/staff">
      <table class="log">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Held-comment mail</th>
            <th scope="col">Since</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr>
              <td>{s.name}</td>
              <td>{s.email}</td>
              <td>{s.role}</td>
              <HeldMailCell ctx={ctx} member={s} on={heldMail.has(s.id)} />
              <td>{formatDate(ctx.site, s.createdAt, false)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a staff member</h2>
      <FieldErrors errors={errors} />
      <form method="post" action="/admin/staff" class="admin-form narrow">
        <Csrf ctx={ctx} />
        <p>
          <label for="name">Name</label>
          <input id="name" name="name" required value={values.name} />
        </p>
        <p>
          <label for="email">Email</label>
          <input id="email" name="email" type="email" required value={values.email} />
        </p>
        <p>
          <label for="role">Role</label>
          <select id="role" name="role">
            {[
              ['moderator', 'Moderator: comments only'],
              ['editor', 'Editor: articles and comments'],
              ['admin', 'Admin: everything'],
            ].map(([v, l]) => (
              <option value={v} selected={values.role === v}>
                {l}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="password">Password (10 characters or more; tell them to change it)</label>
          <input id="password" name="password" type="password" autoComplete="new-password" minLength={10} required />
        </p>
        <p>
          <button type="submit" class="submit">
            Add
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}

export interface DashboardData {
  readonly pending: number;
  readonly perDay: readonly { day: string; count: number }[];
  readonly recent: readonly ModerationLogEntry[];
}

export function DashboardView({ ctx, data }: { ctx: AdminContext; data: DashboardData }) {
  const max = Math.max(1, ...data.perDay.map((d) => d.count));
  const barWidth = 100 / Math.max(1, data.perDay.length);
  return (
    <AdminLayout ctx={ctx} title="Dashboard" current="/admin/">
      <p class="big-number">
        <a href="/admin/comments?status=pending">
          <strong>{data.pending}</strong> {data.pending === 1 ? 'comment waits' : 'comments wait'} for moderation
        </a>
      </p>
      <h2 id="per-day">Comments per day, last {data.perDay.length} days</h2>
      <svg class="chart" viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-labelledby="per-day" width="100%" height="120">
        {data.perDay.map((d, i) => {
          const h = (d.count / max) * 38;
          return (
            <rect x={i * barWidth + barWidth * 0.1} y={40 - h} width={barWidth * 0.8} height={h}>
              <title>{`${d.day}: ${d.count}`}</title>
            </rect>
          );
        })}
      </svg>
      <table class="visually-hidden">
        <caption>Comments per day</caption>
        <tbody>
          {data.perDay.map((d) => (
            <tr>
              <th scope="row">{d.day}</th>
              <td>{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Recent moderation</h2>
      {data.recent.length === 0 ? (
        <p>Nothing yet.</p>
      ) : (
        <ul>
          {data.recent.map((e) => (
            <li>
              <time dateTime={e.at.toISOString()}>{formatDate(ctx.site, e.at)}</time>: {e.actor} {e.action} <a href={`/admin/log?comment=${e.commentId}`}>#{e.commentId}</a> ({e.fromStatus} → {e.toStatus})
            </li>
          ))}
        </ul>
      )}
    </AdminLayout>
  );
}
