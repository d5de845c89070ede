// The admin's import page (admins only: the staff area). The upload is the one multipart form
// of the admin area, so app.ts registers its route (`upload: true` in admin-routes.ts) in a
// scope of its own with this parser and its size limit; the file goes to a temporary file and
// through the same import use case as `dateline import`.

import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeReport } from '../../import/import-report.ts';
import { importFormats, type ImportFormat } from '../../import/site-import.ts';
import { MalformedImport } from '../../import/xml-stream.ts';
import { ImportPageView } from '../../views/admin/import-page.tsx';
import type { AdminDeps } from './admin-deps.ts';
import { adminContext, sendAdminPage } from './admin-pages.ts';
import { sessionOf } from './guard.ts';

/** Larger files are for `dateline import` on the server (the upload is held in memory while it is read). */
export const maxUploadMiB = 64;

interface Upload {
  readonly _csrf: string;
  readonly format: string;
  readonly skipPings: boolean;
  readonly createStubs: boolean;
  readonly file: Blob | null;
}

/** Reads a multipart body with the platform's own parser (undici's FormData). */
async function parseUpload(contentType: string, body: Buffer): Promise<Upload> {
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  const text = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : '');
  const file = form.get('file');
  return { _csrf: text('_csrf'), format: text('format'), skipPings: text('skip-pings') !== '', createStubs: text('create-stubs') !== '', file: file instanceof Blob ? file : null };
}

/** Lets `scope` read the upload form's multipart body (up to maxUploadMiB). */
export function acceptUploads(scope: FastifyInstance): void {
  scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: maxUploadMiB * 1_048_576 }, (request, body, done) => {
    parseUpload(String(request.headers['content-type']), body as Buffer).then((upload) => done(null, upload), (e: Error) => done(Object.assign(e, { statusCode: 400 })));
  });
}

export function createImportRoutes(deps: AdminDeps) {
  const page = (request: FastifyRequest, reply: FastifyReply, extra: { report?: string[]; failure?: string } = {}, status = 200) =>
    sendAdminPage(reply, ImportPageView({ ctx: adminContext(deps.site, sessionOf(request)), maxMiB: maxUploadMiB, ...extra }), status);

  return {
    showImport: (request: FastifyRequest, reply: FastifyReply) => page(request, reply),

    async runImport(request: FastifyRequest, reply: FastifyReply) {
      const upload = request.body as Partial<Upload> | undefined;
      if (!upload?.file || !importFormats.includes(upload.format as ImportFormat)) return page(request, reply, { failure: 'Choose a format and a file.' }, 422);
      const file = join(tmpdir(), `dateline-upload-${randomBytes(8).toString('hex')}`);
      try {
        await writeFile(file, Buffer.from(await upload.file.arrayBuffer()));
        const report = await deps.importFile({ format: upload.format as ImportFormat, file, skipPings: upload.skipPings, createStubs: upload.createStubs });
        return page(request, reply, { report: describeReport(report) });
      } catch (e) {
        if (e instanceof MalformedImport) return page(request, reply, { failure: `The file was refused: ${e.message}` }, 422);
        throw e;
      } finally {
        await rm(file, { force: true });
      }
    },
  };
}
