// Portfolio Settings › General: name, description and stages; deleting the portfolio (managers only).
import type { FC } from 'hono/jsx'
import { ConfirmDialog, DialogTrigger } from './components/confirm.js'
import { CsrfField, ErrorSummary, SubmitButton, TextAreaField, TextField } from './components/form-controls.js'
import { SettingsFrame } from './components/settings-frame.js'
import type { PortfolioPage } from './page-context.js'
import type { FormState } from './page-forms.js'

export const GeneralSettingsPage: FC<{ page: PortfolioPage; form?: FormState | undefined }> = ({ page, form }) => {
  const base = `/portfolios/${page.portfolio.id}`
  const { portfolio } = page
  return (
    <SettingsFrame page={page} tab="general">
      <section class="card" aria-labelledby="general-title">
        <h2 id="general-title">General</h2>
        {page.can('managePortfolio') ? (
          <form method="post" action={`${base}/settings/general`} class="form-grid">
            <CsrfField token={page.csrfToken} />
            <ErrorSummary form={form} />
            <TextField name="name" label="Name" required maxlength={200} value={portfolio.name} form={form} />
            <TextAreaField name="description" label="Description" rows={3} value={portfolio.description} form={form} />
            <TextAreaField name="stages" label="Stages" required rows={5} hint="One per line, in order. A stage still holding initiatives cannot be removed." value={portfolio.stages.join('\n')} form={form} />
            <div class="actions">
              <SubmitButton busy="Saving…">Save changes</SubmitButton>
            </div>
          </form>
        ) : (
          <dl class="details">
            <dt>Name</dt>
            <dd>{portfolio.name}</dd>
            <dt>Description</dt>
            <dd>{portfolio.description ?? '—'}</dd>
            <dt>Stages</dt>
            <dd>{portfolio.stages.join(' → ')}</dd>
          </dl>
        )}
      </section>
      {page.can('managePortfolio') ? (
        <section class="card card-danger" aria-labelledby="delete-portfolio-title">
          <h2 id="delete-portfolio-title">Delete portfolio</h2>
          <p class="muted">Deletes the portfolio, its initiatives, members and Jira configuration. Nothing changes in Jira.</p>
          <DialogTrigger dialogId="delete-portfolio" href={`${base}/settings/general/delete`} class="button button-danger">
            Delete portfolio
          </DialogTrigger>
          <ConfirmDialog id="delete-portfolio" title={`Delete ${portfolio.name}?`} action={`${base}/settings/general/delete`} confirmLabel="Delete portfolio" csrfToken={page.csrfToken}>
            <p>The portfolio, its initiatives and their epic links are deleted for every member. This cannot be undone.</p>
          </ConfirmDialog>
        </section>
      ) : null}
    </SettingsFrame>
  )
}
