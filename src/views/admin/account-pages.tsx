/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// Sign in, first-admin setup, and the plain admin error page.

import { AdminLayout, FieldErrors, type AdminContext } from './admin-layout.tsx';

type Errors = readonly { field: string | null; message: string }[];

export function SignInPage({ ctx, email, next, errors }: { ctx: AdminContext; email: string; next: string; errors: Errors }) {
  return (
    <AdminLayout ctx={ctx} title="Sign in">
      <FieldErrors errors={errors} />
      <form method="post" action="/admin/login" class="admin-form narrow">
        <input type="hidden" name="next" value={next} />
        <p>
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="username" required value={email} />
        </p>
        <p>
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </p>
        <p>
          <button type="submit" class="submit">
            Sign in
          </button>
        </p>
      </form>
      <p>
        <a href="/admin/password-reset">Forgot your password?</a>
      </p>
    </AdminLayout>
  );
}

export function SetupPage({ ctx, token, values, errors }: { ctx: AdminContext; token: string; values: { name: string; email: string }; errors: Errors }) {
  return (
    <AdminLayout ctx={ctx} title="Create the first admin">
      <p>This site has no admin yet. The account you create here can do everything, including adding editors and moderators.</p>
      <FieldErrors errors={errors} />
      <form method="post" action={`/admin/setup?token=${encodeURIComponent(token)}`} class="admin-form narrow">
        <p>
          <label for="name">Your name</label>
          <input id="name" name="name" type="text" autoComplete="name" required value={values.name} />
        </p>
        <p>
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="username" required value={values.email} />
        </p>
        <p>
          <label for="password">Password (10 characters or more)</label>
          <input id="password" name="password" type="password" autoComplete="new-password" minLength={10} required />
        </p>
        <p>
          <label for="password_again">Password again</label>
          <input id="password_again" name="password_again" type="password" autoComplete="new-password" minLength={10} required />
        </p>
        <p>
          <button type="submit" class="submit">
            Create admin and sign in
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}

export function ResetRequestPage({ ctx, sent }: { ctx: AdminContext; sent: boolean }) {
  return (
    <AdminLayout ctx={ctx} title="Set a new password">
      {sent ? (
        <p role="status">If an account exists for that email, a link to set a new password is on its way. It works once, within the hour.</p>
      ) : (
        <form method="post" action="/admin/password-reset" class="admin-form narrow">
          <p>
            <label for="email">Your email</label>
            <input id="email" name="email" type="email" autoComplete="username" required />
          </p>
          <p>
            <button type="submit" class="submit">
              Send me a link
            </button>
          </p>
        </form>
      )}
    </AdminLayout>
  );
}

export function NewPasswordPage({ ctx, token, errors }: { ctx: AdminContext; token: string; errors: Errors }) {
  return (
    <AdminLayout ctx={ctx} title="Choose a new password">
      <FieldErrors errors={errors} />
      <form method="post" action={`/admin/password-reset/${encodeURIComponent(token)}`} class="admin-form narrow">
        <p>
          <label for="password">New password (10 characters or more)</label>
          <input id="password" name="password" type="password" autoComplete="new-password" minLength={10} required />
        </p>
        <p>
          <label for="password_again">New password again</label>
          <input id="password_again" name="password_again" type="password" autoComplete="new-password" minLength={10} required />
        </p>
        <p>
          <button type="submit" class="submit">
            Set password
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}

export function AdminErrorPage({ ctx, title, message }: { ctx: AdminContext; title: string; message: string }) {
  return (
    <AdminLayout ctx={ctx} title={title}>
      <p role="alert">{message}</p>
      <p>
        <a href="/admin/">Back to the dashboard</a> · <a href="/admin/login">Sign in</a>
      </p>
    </AdminLayout>
  );
}
