// Holds a comment with many links, a common mark of spam (WordPress: 2 or more).

import { countLinks } from '../../lib/markdown.ts';
import type { ModerationCheck } from '../check.ts';

export const linkCount: ModerationCheck = {
  name: 'link-count',
  run(ctx) {
    const max = ctx.settings.maxLinks;
    if (max <= 0) return undefined;
    const links = countLinks(ctx.bodyHtml);
    if (links < max) return undefined;
    return { status: 'pending', reason: { check: this.name, code: 'too_many_links', detail: `${links} links (holding at ${max})` } };
  },
};
