// Edit Configuration: rotate the API token or change the account; a new site is confirmed on a page of its own.
import type { FC } from 'hono/jsx'
import type { CascadeResult, ConnectionView } from '../jira/jira-connection.service.js'
import { UnlinkedEpicsList, UnlinkedProjectsList } from './components/cascade-list.js'
import { CsrfField, ErrorSummary, SubmitButton } from './components/form-controls.js'
import { SettingsFrame } from './components/settings-frame.js'
import { CredentialFields } from './jira-credentials-page.js'
import type { JiraDraft } from './jira-draft.js'
import type { PortfolioPage } from './page-context.js'
import type { FormState } from './page-forms.js'

export const JiraEditPage: FC<{ page: PortfolioPage; connection: ConnectionView; form?: FormState | undefined }> = ({ page, connection, form }) => {
  const integrations = `/portfolios/${page.portfolio.id}/settings/integrations`
  return (
    <SettingsFrame page={page} tab="integrations" title="Edit Configuration" connection={connection} crumbs={[{ label: 'Integrations', href: integrations }, { label: 'Edit Configuration' }]}>
      <section class="card" aria-labelledby="edit-title">
        <h2 id="edit-title">Edit Configuration</h2>
        {connection.mode === 'forge' ? (
          <div class="alert alert-info">
            <p>This portfolio reads Jira through the Forge app; its secret is rotated on the app’s admin page in Jira. Entering an account and API token here switches the connection to an API token.</p>
          </div>
        ) : null}
        <p class="muted">Rotate the API token, or use another account. The new credentials are checked with Jira before they are saved. Changing the Jira Environment URL deletes this configuration: you will be asked to confirm.</p>
        <form method="post" action={`${integrations}/jira/edit`} class="form-grid">
          <CsrfField token={page.csrfToken} />
          <ErrorSummary form={form} />
          <CredentialFields form={form} site={connection.siteUrl} account={connection.accountEmail ?? ''} tokenHint={connection.mode === 'api_token' ? connection.tokenHint : undefined} />
          <div class="actions">
            <a class="button button-secondary" href={integrations}>
              Cancel
            </a>
            <SubmitButton busy="Checking the connection with Jira…">Save</SubmitButton>
          </div>
        </form>
      </section>
    </SettingsFrame>
  )
}

export const JiraSiteChangePage: FC<{ page: PortfolioPage; connection: ConnectionView; draft: JiraDraft; preview: CascadeResult }> = ({ page, connection, draft, preview }) => {
  const integrations = `/portfolios/${page.portfolio.id}/settings/integrations`
  return (
    <SettingsFrame page={page} tab="integrations" title="Change the Jira site?" connection={connection} crumbs={[{ label: 'Integrations', href: integrations }, { label: 'Edit Configuration' }]}>
      <section class="card confirm-panel" aria-labelledby="site-change-title">
        <form method="post" action={`${integrations}/jira/edit/confirm-site`} class="confirm-form">
          <CsrfField token={page.csrfToken} />
          <h2 id="site-change-title">Change the Jira site?</h2>
          <p>
            Moving from <strong>{connection.siteUrl}</strong> to <strong>{draft.siteUrl}</strong> deletes the current configuration. The new credentials work (signed in as {draft.accountName}).
          </p>
          <UnlinkedProjectsList projects={preview.unlinkedProjects} />
          {preview.unlinkedEpics.length > 0 ? <UnlinkedEpicsList epics={preview.unlinkedEpics} /> : null}
          <p class="muted">After the change, link the projects of the new site with +Link Projects.</p>
          <div class="actions">
            <a class="button button-secondary" href={`${integrations}/jira/edit`}>
              Cancel
            </a>
            <SubmitButton kind="danger" busy="Changing the site…">
              Change site and unlink
            </SubmitButton>
          </div>
        </form>
      </section>
    </SettingsFrame>
  )
}
