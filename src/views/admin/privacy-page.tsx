/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// Staff run a commenter's export or erasure here (when asked by mail or letter), and see the
// log of every run — which never holds the address.

import type { PrivacyRun } from '../../domain/privacy.ts';
import { formatDate } from '../site.ts';
import { AdminLayout, Csrf, FieldErrors, type AdminContext } from './admin-layout.tsx';

const actionLabels = { export: 'Export', erase: 'Erase details', erase_and_delete: 'Erase details and delete comments' } as const;

export interface PrivacyAdminProps {
  readonly ctx: AdminContext;
  readonly runs: readonly PrivacyRun[];
  readonly errors: readonly { field: string | null; message: string }[];
  readonly email: string;
  readonly done: string | null;
}

export function PrivacyAdminPage({ ctx, runs, errors, email, done }: PrivacyAdminProps) {
  return (
    <AdminLayout ctx={ctx} title="Commenters’ data" current="/admin/privacy">
      <p>Readers can do this themselves from /privacy/your-data (confirmed by mail). Use this page when one asks you directly, after checking it is them.</p>
      {done ? (
        <p class="notice" role="status">
          {done}
        </p>
      ) : null}
      <FieldErrors errors={errors} />
      <form method="post" action="/admin/privacy" class="admin-form narrow">
        <Csrf ctx={ctx} />
        <p>
          <label for="email">Commenter’s email</label>
          <input id="email" name="email" type="email" required value={email} />
        </p>
        <p>
          <label for="action">Action</label>
          <select id="action" name="action">
            {Object.entries(actionLabels).map(([v, l]) => (
              <option value={v}>{l}</option>
            ))}
          </select>
        </p>
        <p>
          <button type="submit" class="submit">
            Run
          </button>
        </p>
      </form>
      <h2>Log</h2>
      {runs.length === 0 ? (
        <p>Nothing yet.</p>
      ) : (
        <table class="log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Who</th>
              <th scope="col">Comments</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr>
                <td>{formatDate(ctx.site, r.at)}</td>
                <td>{actionLabels[r.action]}</td>
                <td>{r.actor}</td>
                <td>{r.comments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
