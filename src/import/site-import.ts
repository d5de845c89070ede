// The import use case: one file (WordPress WXR, Disqus, or Dateline's JSON Lines) read as a
// stream and written in one transaction, so a file that turns out malformed halfway leaves
// nothing behind; imported comments skip the moderation checks (they were moderated where they
// came from) but go through the comment store. After commit every cached page is dropped.

import type { Clock } from '../lib/clock.ts';
import type { Transact } from '../lib/transact.ts';
import type { SettingsStore } from '../moderation/settings-store.ts';
import type { ImportStores } from './comment-batch.ts';
import { readDisqus } from './disqus-reader.ts';
import type { ImportContext } from './import-context.ts';
import { importDisqus, type DisqusOptions } from './import-disqus.ts';
import { importJson } from './import-json.ts';
import { ReportBuilder, type ImportReport } from './import-report.ts';
import { importWxr, type WxrOptions } from './import-wxr.ts';
import { readJsonLines } from './json-format.ts';
import { readWxr } from './wxr-reader.ts';
import type { ProgressListener } from './xml-stream.ts';

export type ImportFormat = 'wxr' | 'disqus' | 'json';
export const importFormats: readonly ImportFormat[] = ['wxr', 'disqus', 'json'];

export interface ImportRequest extends WxrOptions, DisqusOptions {
  readonly format: ImportFormat;
  readonly file: string;
  readonly onProgress?: ProgressListener;
}

export interface SiteImportDeps {
  readonly transact: Transact<ImportStores>;
  readonly settings: Pick<SettingsStore, 'discussion'>;
  readonly clock: Clock;
  readonly hashIp: (ip: string) => string;
  /** Told after a successful import: every page may have changed (drop caches here and on other instances). */
  readonly siteChanged: () => void;
}

const msPerDay = 86_400_000;

export function createSiteImport(deps: SiteImportDeps) {
  return async function importFile(request: ImportRequest): Promise<ImportReport> {
    const now = deps.clock.now();
    const { ipRetentionDays } = await deps.settings.discussion();
    const report = new ReportBuilder(request.format);
    await deps.transact(async (stores) => {
      const ctx: ImportContext = {
        stores,
        report,
        now,
        retainIpsSince: new Date(now.getTime() - ipRetentionDays * msPerDay),
        hashIp: deps.hashIp,
        highestCommentIdBefore: await stores.imports.highestCommentId(),
      };
      if (request.format === 'wxr') await importWxr(ctx, readWxr(request.file, request.onProgress), request);
      else if (request.format === 'disqus') await importDisqus(ctx, readDisqus(request.file, request.onProgress), request);
      else await importJson(ctx, readJsonLines(request.file, request.onProgress));
    });
    deps.siteChanged();
    return report.build();
  };
}

export type SiteImport = ReturnType<typeof createSiteImport>;
