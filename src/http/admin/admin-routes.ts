// The admin route table, readable in one place: each route's method, address, the area (and
// so the roles) it belongs to, and its handler. app.ts registers exactly these; the tests walk
// exactly these with every role.

import type { AdminArea } from '../../domain/staff.ts';

export type AdminHandlerName =
  | 'showArticles' | 'newArticle' | 'createArticle' | 'editArticle' | 'saveArticle' | 'actOnArticle' | 'previewArticle' | 'showRevision'
  | 'showRules' | 'addRule' | 'liftRule' | 'writeOnComment'
  | 'dashboard' | 'showQueue' | 'actOnQueue' | 'showLog' | 'showSettings' | 'saveSettings' | 'showStaff' | 'addStaff' | 'signOut'
  | 'showOutbox' | 'retryMail' | 'setHeldMail' | 'showPrivacy' | 'runPrivacy'
  | 'showApiTokens' | 'createApiToken' | 'revokeApiToken'
  | 'showImport' | 'runImport'
  | 'showWebhooks' | 'addWebhook' | 'actOnWebhook' | 'retryWebhookDelivery';

export interface AdminRoute {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** 'any' = any signed-in staff member. */
  readonly area: AdminArea | 'any';
  readonly handler: AdminHandlerName;
  /** Takes a file upload (multipart), read only in the scope app.ts gives these routes. */
  readonly upload?: true;
}

export const adminRoutes: readonly AdminRoute[] = [
  { method: 'GET', url: '/admin/', area: 'dashboard', handler: 'dashboard' },
  { method: 'GET', url: '/admin/comments', area: 'comments', handler: 'showQueue' },
  { method: 'POST', url: '/admin/comments', area: 'comments', handler: 'actOnQueue' },
  { method: 'POST', url: '/admin/comments/edit', area: 'comments', handler: 'writeOnComment' },
  { method: 'POST', url: '/admin/comments/reply', area: 'comments', handler: 'writeOnComment' },
  { method: 'GET', url: '/admin/log', area: 'comments', handler: 'showLog' },
  { method: 'GET', url: '/admin/commenters', area: 'comments', handler: 'showRules' },
  { method: 'POST', url: '/admin/commenters', area: 'comments', handler: 'addRule' },
  { method: 'POST', url: '/admin/commenters/lift', area: 'comments', handler: 'liftRule' },
  { method: 'GET', url: '/admin/settings', area: 'settings', handler: 'showSettings' },
  { method: 'POST', url: '/admin/settings', area: 'settings', handler: 'saveSettings' },
  { method: 'GET', url: '/admin/privacy', area: 'settings', handler: 'showPrivacy' },
  { method: 'POST', url: '/admin/privacy', area: 'settings', handler: 'runPrivacy' },
  { method: 'GET', url: '/admin/outbox', area: 'settings', handler: 'showOutbox' },
  { method: 'POST', url: '/admin/outbox', area: 'settings', handler: 'retryMail' },
  { method: 'GET', url: '/admin/webhooks', area: 'settings', handler: 'showWebhooks' },
  { method: 'POST', url: '/admin/webhooks', area: 'settings', handler: 'addWebhook' },
  { method: 'POST', url: '/admin/webhooks/act', area: 'settings', handler: 'actOnWebhook' },
  { method: 'POST', url: '/admin/webhooks/retry', area: 'settings', handler: 'retryWebhookDelivery' },
  { method: 'GET', url: '/admin/staff', area: 'staff', handler: 'showStaff' },
  { method: 'POST', url: '/admin/staff', area: 'staff', handler: 'addStaff' },
  { method: 'POST', url: '/admin/staff/mail', area: 'staff', handler: 'setHeldMail' },
  { method: 'POST', url: '/admin/logout', area: 'any', handler: 'signOut' },
  // Every staff member manages their own API tokens (a token never reaches beyond its owner's role).
  { method: 'GET', url: '/admin/api-tokens', area: 'any', handler: 'showApiTokens' },
  { method: 'POST', url: '/admin/api-tokens', area: 'any', handler: 'createApiToken' },
  { method: 'POST', url: '/admin/api-tokens/revoke', area: 'any', handler: 'revokeApiToken' },
  { method: 'GET', url: '/admin/articles', area: 'articles', handler: 'showArticles' },
  { method: 'POST', url: '/admin/articles', area: 'articles', handler: 'createArticle' },
  { method: 'GET', url: '/admin/articles/new', area: 'articles', handler: 'newArticle' },
  { method: 'POST', url: '/admin/articles/preview', area: 'articles', handler: 'previewArticle' },
  { method: 'GET', url: '/admin/articles/:id', area: 'articles', handler: 'editArticle' },
  { method: 'POST', url: '/admin/articles/:id', area: 'articles', handler: 'saveArticle' },
  { method: 'POST', url: '/admin/articles/:id/act', area: 'articles', handler: 'actOnArticle' },
  { method: 'GET', url: '/admin/articles/:id/revisions/:revision', area: 'articles', handler: 'showRevision' },
  { method: 'GET', url: '/admin/import', area: 'staff', handler: 'showImport' },
  { method: 'POST', url: '/admin/import', area: 'staff', handler: 'runImport', upload: true },
];
