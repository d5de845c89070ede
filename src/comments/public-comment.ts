// A stored comment reduced to what the public may know of it (domain PublicComment): no email,
// no IP, no reasons; the avatar as the same keyed hash the article page draws.

import type { Comment, PublicComment } from '../domain/comment.ts';
import type { StaffId } from '../domain/ids.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';

/** `byline`: the article's author, whose replies are marked "Author" (unknown: none are). */
export function toPublicComment(c: Omit<Comment, 'reasons' | 'bodyText'>, keyedHash: KeyedHash, byline: StaffId | null = null): PublicComment {
  return {
    id: c.id,
    parentId: c.parentId,
    authorName: c.authorName,
    authorUrl: c.authorUrl,
    bodyHtml: c.bodyHtml,
    // Spam is silent: shown to its author (never to others) exactly like a held comment.
    status: c.status === 'approved' ? 'approved' : 'pending',
    createdAt: c.createdAt,
    avatarKey: keyedHash.hash('avatar', c.authorEmail).slice(0, 32),
    featured: c.featuredAt !== null,
    edited: c.editedAt !== null,
    editedAt: c.editedAt,
    byStaff: c.staffId !== null,
    byArticleAuthor: c.staffId !== null && c.staffId === byline,
    reactionCount: c.reactionCount ?? 0,
  };
}
