/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The admin's import page (admins only): a file from WordPress, Disqus or a Dateline export,
// sent as a multipart form; after a run, its report (or where and why the file was refused).

import { AdminLayout, Csrf, type AdminContext } from './admin-layout.tsx';

export interface ImportPageProps {
  readonly ctx: AdminContext;
  readonly maxMiB: number;
  /** The last run's report, line by line. */
  readonly report?: readonly string[];
  /** Why the last run imported nothing. */
  readonly failure?: string;
}

export function ImportPageView({ ctx, maxMiB, report, failure }: ImportPageProps) {
  return (
    <AdminLayout ctx={ctx} title="Import" current="/admin/import">
      {failure ? (
        <div class="notice notice-error" role="alert">
          <h2>Nothing was imported</h2>
          <p>{failure}</p>
        </div>
      ) : null}
      {report ? (
        <section aria-labelledby="import-report">
          <h2 id="import-report">Imported</h2>
          <ul>
            {report.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        Bring in a WordPress export (Tools → Export → All content), a Disqus export, or a file from <code>dateline export json</code>. Running the same
        file again adds nothing. Files up to {maxMiB} MiB; for larger ones use <code>dateline import</code> on the server.
      </p>
      <form method="post" action="/admin/import" enctype="multipart/form-data">
        <Csrf ctx={ctx} />
        <p>
          <label for="import-format">Format</label>
          <select id="import-format" name="format">
            <option value="wxr">WordPress (WXR)</option>
            <option value="disqus">Disqus</option>
            <option value="json">Dateline JSON</option>
          </select>
        </p>
        <p>
          <label for="import-file">File</label>
          <input id="import-file" type="file" name="file" required accept=".xml,.json,.jsonl,.ndjson" />
        </p>
        <p>
          <label>
            <input type="checkbox" name="skip-pings" value="1" /> Leave out WordPress pingbacks and trackbacks
          </label>
        </p>
        <p>
          <label>
            <input type="checkbox" name="create-stubs" value="1" /> Make an article for each Disqus thread no article matches
          </label>
        </p>
        <p>
          <button type="submit">Import</button>
        </p>
      </form>
    </AdminLayout>
  );
}
