// The sign-in page: email and password, then back to where the person was going.
import type { FC } from 'hono/jsx'
import { CsrfField, ErrorSummary, SubmitButton, TextField } from './components/form-controls.js'
import { Layout } from './layout.js'
import type { FormState } from './page-forms.js'
import type { Flash } from './flash.js'

export const SignInPage: FC<{ form?: FormState; next: string; csrfToken: string; flash: Flash | null }> = ({ form, next, csrfToken, flash }) => (
  <Layout title="Sign in" session={null}>
    <div class="sign-in">
      <section class="card sign-in-card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Portfolio Bridge</h1>
        <p class="muted">Track your portfolio’s initiatives and the Jira epics behind them.</p>
        {flash ? (
          <div class={`alert alert-${flash.kind}`} role="status">
            <p>{flash.text}</p>
          </div>
        ) : null}
        <ErrorSummary form={form} />
        <form method="post" action="/sign-in" data-busy-form>
          {/* Only present when an old session is still open: signing in again then needs it. */}
          <CsrfField token={csrfToken} />
          <input type="hidden" name="next" value={next} />
          <TextField name="email" label="Email" type="email" autocomplete="username" required form={form} autofocus />
          <TextField name="password" label="Password" type="password" autocomplete="current-password" required form={form} />
          <SubmitButton busy="Signing in…">Sign in</SubmitButton>
        </form>
      </section>
    </div>
  </Layout>
)
