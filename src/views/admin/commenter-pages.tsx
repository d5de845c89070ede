/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The list of per-commenter rules (bans and always-hold), each with who made it, why, and Lift.

import type { CommenterRule } from '../../domain/commenter-rule.ts';
import { formatDate } from '../site.ts';
import { AdminLayout, Csrf, type AdminContext } from './admin-layout.tsx';

export function CommenterRulesView({ ctx, rules }: { ctx: AdminContext; rules: readonly CommenterRule[] }) {
  return (
    <AdminLayout ctx={ctx} title="Commenter rules" current="/admin/commenters">
      <p>Rules are made from a comment in the queue. A ban refuses the commenter’s comments with a polite message and stores nothing of them.</p>
      {rules.length === 0 ? (
        <p>No rules.</p>
      ) : (
        <table class="log">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Commenter</th>
              <th scope="col">Why</th>
              <th scope="col">By, when</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr>
                <td>{r.kind === 'ban' ? 'Banned' : 'Always hold'}</td>
                <td>{r.label}</td>
                <td>{r.reason ?? ''}</td>
                <td>
                  {r.createdBy}, {formatDate(ctx.site, r.createdAt)}
                </td>
                <td>
                  <form method="post" action="/admin/commenters/lift">
                    <Csrf ctx={ctx} />
                    <input type="hidden" name="rule_id" value={String(r.id)} />
                    <button type="submit">Lift</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
