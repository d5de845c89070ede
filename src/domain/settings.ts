// The site's Discussion settings (WordPress's names in comments), with their defaults.

export interface DiscussionSettings {
  /** require_name_email: name and email must be given. */
  readonly requireNameEmail: boolean;
  /** comment_moderation: hold every comment. */
  readonly holdAllComments: boolean;
  /** comment_previously_approved: hold until one comment with the same name and email is approved. */
  readonly requirePreviouslyApproved: boolean;
  /** comment_max_links: this many links or more hold a comment (0 = off). */
  readonly maxLinks: number;
  /** moderation_keys: one word per entry, matched inside words, case-insensitive. */
  readonly moderationWords: readonly string[];
  /** disallowed_keys: same matching; a hit sends the comment to spam silently. */
  readonly disallowedWords: readonly string[];
  /** close_comments_days_old when close_comments_for_old_posts is on; 0 = never close. */
  readonly closeCommentsAfterDays: number;
  /** thread_comments_depth: replies nest this deep on the page. */
  readonly threadDepth: number;
  /** Seconds between two comments from one IP or one email (WordPress: 15). */
  readonly floodIntervalSeconds: number;
  /** Days a comment keeps its full IP address before only its network is kept. */
  readonly ipRetentionDays: number;
  /** page_comments: split the thread into pages of top-level comments (oldest first, `?cpage=N`). */
  readonly pageComments: boolean;
  /** comments_per_page: top-level comments (each with all its replies) per page. */
  readonly commentsPerPage: number;
  /** moderation_notify, extended: a mail per held comment, a digest every few minutes, or none. */
  readonly heldCommentMail: HeldCommentMail;
  /** Minutes between two digests of held comments (when heldCommentMail is 'digest'). */
  readonly heldCommentDigestMinutes: number;
  /** Hold a comment whose text or name has profanity, disguised spellings included ("f u c k", "sh1t"). */
  readonly holdProfanity: boolean;
  /** Hold a comment the local spam classifier scores at this many percent or more (0 = off). */
  readonly spamHoldPercent: number;
  /** Comments one IP address, or one email, may post in an hour before a puzzle is asked (0 = no limit). */
  readonly rateLimitPerHour: number;
  /** Comments one article may receive in a minute, from everyone, before a puzzle is asked (0 = no limit). */
  readonly rateLimitPerArticlePerMinute: number;
  /** The name of the one positive reaction readers give a comment (Coral's "Respect"). */
  readonly reactionLabel: string;
  /** Minutes after posting during which a commenter may edit or delete their comment from the same browser (0 = never). */
  readonly editWindowMinutes: number;
  /** Reports from this many readers hold an approved comment for review (0 = reports never hold). */
  readonly reportsToHold: number;
}

export type HeldCommentMail = 'each' | 'digest' | 'off';
export const heldCommentMailModes: readonly HeldCommentMail[] = ['each', 'digest', 'off'];

export const defaultDiscussionSettings: DiscussionSettings = {
  requireNameEmail: true,
  holdAllComments: false,
  requirePreviouslyApproved: true,
  maxLinks: 2,
  moderationWords: [],
  disallowedWords: [],
  closeCommentsAfterDays: 0,
  threadDepth: 5,
  floodIntervalSeconds: 15,
  ipRetentionDays: 30,
  pageComments: false,
  commentsPerPage: 50,
  heldCommentMail: 'each',
  heldCommentDigestMinutes: 60,
  holdProfanity: true,
  spamHoldPercent: 90,
  rateLimitPerHour: 20,
  rateLimitPerArticlePerMinute: 30,
  reactionLabel: 'Respect',
  editWindowMinutes: 15,
  reportsToHold: 3,
};
