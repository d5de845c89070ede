// Writes a large WordPress export for import tests and the import benchmark: `posts` posts with
// `commentsPerPost` comments each, threaded (every third comment answers the one before it, and
// one in fifty answers the comment after it in the file), in every status. Streamed to
// disk, so generating a million comments takes little memory.

import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

export interface GeneratedWxr {
  readonly comments: number;
  readonly replies: number;
  readonly byStatus: Record<'approved' | 'pending' | 'spam' | 'trash', number>;
}

const statuses = [['1', 'approved'], ['1', 'approved'], ['1', 'approved'], ['0', 'pending'], ['spam', 'spam'], ['trash', 'trash']] as const;

export async function generateWxr(file: string, posts: number, commentsPerPost: number): Promise<GeneratedWxr> {
  const out = createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  const byStatus = { approved: 0, pending: 0, spam: 0, trash: 0 };
  let replies = 0;
  let id = 0;
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Generated</title><link>https://generated.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://generated.example</wp:base_site_url>
<wp:author><wp:author_login>writer</wp:author_login><wp:author_email>writer@generated.example</wp:author_email><wp:author_display_name><![CDATA[A Writer]]></wp:author_display_name></wp:author>
`);
  for (let p = 1; p <= posts; p++) {
    await write(`<item><title>Post ${p}</title><link>https://generated.example/${p}/post-${p}/</link><dc:creator>writer</dc:creator><content:encoded><![CDATA[<p>Body of post ${p}.</p>]]></content:encoded><wp:post_id>${p}</wp:post_id><wp:post_date_gmt>2020-01-01 00:00:00</wp:post_date_gmt><wp:post_name>post-${p}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="category" nicename="news"><![CDATA[News]]></category>\n`);
    const first = id + 1;
    for (let c = 0; c < commentsPerPost; c++) {
      id++;
      // The answer to a later comment skips one that answers it back: a loop, which an import cuts.
      const parent = c % 50 === 48 && c + 1 < commentsPerPost && (c + 1) % 3 !== 2 ? id + 1 : c % 3 === 2 ? id - 1 : 0;
      if (parent !== 0) replies++;
      const [approved, status] = statuses[id % statuses.length]!;
      byStatus[status]++;
      const when = new Date(Date.UTC(2020, 0, 1) + (id - first + 1) * 60_000).toISOString().slice(0, 19).replace('T', ' ');
      await write(`<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${id % 997}]]></wp:comment_author><wp:comment_author_email>reader${id % 997}@generated.example</wp:comment_author_email><wp:comment_author_IP>192.0.2.${id % 250}</wp:comment_author_IP><wp:comment_date_gmt>${when}</wp:comment_date_gmt><wp:comment_content><![CDATA[Comment ${id} on post ${p}: a few words about it.]]></wp:comment_content><wp:comment_approved>${approved}</wp:comment_approved><wp:comment_type></wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>\n`);
    }
    await write('</item>\n');
  }
  await write('</channel></rss>\n');
  out.end();
  await finished(out);
  return { comments: id, replies, byStatus };
}
