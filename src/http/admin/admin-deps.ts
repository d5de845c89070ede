// What the admin handlers share, built once in app.ts.

import type { SiteImport } from '../../import/site-import.ts';
import type { AddStaff } from '../../accounts/add-staff.ts';
import type { ApiTokens } from '../../accounts/api-tokens.ts';
import type { Sessions } from '../../accounts/sign-in.ts';
import type { PasswordReset } from '../../accounts/password-reset.ts';
import type { StaffStore } from '../../accounts/staff-store.ts';
import type { ArticleStore } from '../../articles/article-store.ts';
import type { PublishArticle } from '../../articles/publish-article.ts';
import type { CommentStore } from '../../comments/comment-store.ts';
import type { Clock } from '../../lib/clock.ts';
import type { ModerateComment } from '../../moderation/moderate-comment.ts';
import type { DismissReports } from '../../moderation/dismiss-reports.ts';
import type { CommenterRules } from '../../moderation/commenter-rules.ts';
import type { StaffCommentActions } from '../../moderation/staff-comment-actions.ts';
import type { CommenterRuleStore } from '../../moderation/commenter-rule-store.ts';
import type { ModerationLog } from '../../moderation/moderation-log.ts';
import type { ModerationQueue } from '../../moderation/moderation-queue.ts';
import type { SaveSettings } from '../../moderation/save-settings.ts';
import type { SettingsStore } from '../../moderation/settings-store.ts';
import type { SpamModelStore } from '../../moderation/spam-model-store.ts';
import type { OutboxStore } from '../../notify/outbox-store.ts';
import type { SubscriptionStore } from '../../notify/subscription-store.ts';
import type { YourData } from '../../privacy/your-data.ts';
import type { ManageWebhooks } from '../../webhooks/manage-webhooks.ts';
import type { SiteView } from '../../views/site.ts';

export interface AdminDeps {
  readonly site: SiteView;
  readonly sessions: Sessions;
  readonly staff: StaffStore;
  readonly addStaff: AddStaff;
  readonly comments: CommentStore;
  readonly articles: ArticleStore;
  /** The one way an article is saved (the editor and the command line alike). */
  readonly publishArticle: PublishArticle;
  readonly moderationLog: ModerationLog;
  readonly moderateComment: ModerateComment;
  /** Resolves the reader reports on a comment, leaving it as it is. */
  readonly dismissReports: DismissReports;
  readonly queue: ModerationQueue;
  readonly settings: SettingsStore;
  readonly saveSettings: SaveSettings;
  /** The spam classifier's counts: the settings page says how much it has learned. */
  readonly spamModel: Pick<SpamModelStore, 'read'>;
  readonly commenterRules: CommenterRules;
  readonly staffActions: StaffCommentActions;
  readonly commenterRuleStore: CommenterRuleStore;
  readonly passwordReset: PasswordReset;
  readonly outbox: OutboxStore;
  readonly yourData: YourData;
  readonly heldCommentMail: Pick<SubscriptionStore, 'heldCommentRecipients' | 'setHeldCommentMail'>;
  /** One sentence on where mail goes (SMTP server or .eml files), for the Mail page. */
  readonly mailDelivery: string;
  /** DATELINE_PUBLIC_URL, for links in mail; null = the address a request came to. */
  readonly publicUrl: string | null;
  /** Personal API tokens: each staff member's own (an admin sees and may revoke everyone's). */
  readonly apiTokens: ApiTokens;
  /** Imports from the admin's upload form (admins only). */
  readonly importFile: SiteImport;
  /** Webhooks and their deliveries (admins only). */
  readonly webhooks: ManageWebhooks;
  readonly clock: Clock;
  /** Cookies get `Secure` when the site is served over HTTPS. */
  readonly secureCookies: boolean;
}
