/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// "API tokens": create a personal token (a name and scopes; its secret shown this once), see
// one's tokens with their scopes and last use, revoke them. An admin sees everyone's.

import { apiScopeAreas, maxTokenNameChars, type ApiScope, type ApiToken } from '../../domain/api-token.ts';
import { formatDate } from '../site.ts';
import { AdminLayout, Csrf, FieldErrors, type AdminContext } from './admin-layout.tsx';

const scopeLabels: Record<ApiScope, string> = {
  'comments:read': 'read the moderation queue (with commenters’ emails)',
  'comments:moderate': 'approve, hold, spam, trash and restore comments',
  'articles:write': 'create and change articles',
};

export interface ApiTokenPageProps {
  readonly ctx: AdminContext;
  readonly tokens: readonly ApiToken[];
  /** The scopes this staff member's role may give a token. */
  readonly scopes: readonly ApiScope[];
  /** Names of the owners of listed tokens (an admin sees everyone's). */
  readonly owners: ReadonlyMap<number, string>;
  readonly errors: readonly { field: string | null; message: string }[];
  readonly values: { readonly name: string; readonly scopes: readonly string[] };
  /** A token just created: its secret, shown only now. */
  readonly created: { readonly name: string; readonly secret: string } | null;
  readonly notice: string | null;
}

export function ApiTokenPageView(p: ApiTokenPageProps) {
  const { ctx } = p;
  return (
    <AdminLayout ctx={ctx} title="API tokens" current="/admin/api-tokens">
      <p>
        A token lets a program use the <a href="/api/docs">JSON API</a> as you: sent as <code>Authorization: Bearer …</code>, it can do what its scopes name and your
        role allows, no more. Only a hash of it is kept, so it is shown once, when it is made.
      </p>
      {p.created ? (
        <div class="notice" role="status">
          <p>
            The token “{p.created.name}” is made. Copy it now: it will not be shown again.
          </p>
          <p>
            <code id="new-token">{p.created.secret}</code>
          </p>
        </div>
      ) : null}
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      <h2>New token</h2>
      <FieldErrors errors={p.errors} />
      <form method="post" action="/admin/api-tokens" class="admin-form">
        <Csrf ctx={ctx} />
        <p>
          <label for="name">Name</label>
          <input id="name" name="name" type="text" required maxLength={maxTokenNameChars} value={p.values.name} aria-describedby="name-help" />
          <span class="field-help" id="name-help">
            What will use it, such as “CMS sync”.
          </span>
        </p>
        <fieldset>
          <legend>Scopes</legend>
          {p.scopes.map((scope) => (
            <p>
              <input id={`scope-${scope}`} name="scopes" type="checkbox" value={scope} checked={p.values.scopes.includes(scope)} />{' '}
              <label for={`scope-${scope}`}>
                <code>{scope}</code>: {scopeLabels[scope]} ({apiScopeAreas[scope]} area)
              </label>
            </p>
          ))}
        </fieldset>
        <p>
          <button type="submit">Make token</button>
        </p>
      </form>
      <h2>Tokens</h2>
      {p.tokens.length === 0 ? <p>No tokens yet.</p> : <TokenTable {...p} />}
    </AdminLayout>
  );
}

function TokenTable({ ctx, tokens, owners }: ApiTokenPageProps) {
  const showOwner = ctx.staff?.role === 'admin';
  return (
    <table class="log">
      <thead>
        <tr>
          <th scope="col">Name</th>
          {showOwner ? <th scope="col">Owner</th> : null}
          <th scope="col">Starts with</th>
          <th scope="col">Scopes</th>
          <th scope="col">Made</th>
          <th scope="col">Last used</th>
          <th scope="col">
            <span class="visually-hidden">State</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr id={`token-${t.id}`}>
            <td>{t.name}</td>
            {showOwner ? <td>{owners.get(t.staffId) ?? ''}</td> : null}
            <td>
              <code>{t.prefix}…</code>
            </td>
            <td>{t.scopes.join(', ')}</td>
            <td>{formatDate(ctx.site, t.createdAt)}</td>
            <td>{t.lastUsedAt ? formatDate(ctx.site, t.lastUsedAt) : 'never'}</td>
            <td>
              {t.revokedAt ? (
                `Revoked ${formatDate(ctx.site, t.revokedAt)}`
              ) : (
                <form method="post" action="/admin/api-tokens/revoke">
                  <Csrf ctx={ctx} />
                  <input type="hidden" name="id" value={String(t.id)} />
                  <button type="submit">Revoke</button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
