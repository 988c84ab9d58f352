// Edit Configuration in either mode: rotate the API token or the Forge secret, change account or trigger, switch mode; a new site is confirmed on a page of its own.
import type { FC } from 'hono/jsx'
import type { CascadeResult, ConnectionView } from '../jira/jira-connection.service.js'
import { UnlinkedEpicsList, UnlinkedProjectsList } from './components/cascade-list.js'
import { ForgeFields } from './components/forge-fields.js'
import { CsrfField, ErrorSummary, SubmitButton } from './components/form-controls.js'
import { ModeSwitch, type ConnectMode } from './components/mode-switch.js'
import { SettingsFrame } from './components/settings-frame.js'
import { CredentialFields } from './jira-credentials-page.js'
import type { JiraDraft } from './jira-draft.js'
import type { PortfolioPage } from './page-context.js'
import type { FormState } from './page-forms.js'

/** Edit Configuration in either mode; `mode` is the form shown (a connection may switch to the other way). */
export const JiraEditPage: FC<{ page: PortfolioPage; connection: ConnectionView; mode?: ConnectMode | undefined; form?: FormState | undefined }> = ({ page, connection, mode, form }) => {
  const integrations = `/portfolios/${page.portfolio.id}/settings/integrations`
  const edit = `${integrations}/jira/edit`
  const shown = mode ?? connection.mode
  const switching = shown !== connection.mode
  return (
    <SettingsFrame page={page} tab="integrations" title="Edit Configuration" connection={connection} crumbs={[{ label: 'Integrations', href: integrations }, { label: 'Edit Configuration' }]}>
      <section class="card" aria-labelledby="edit-title">
        <h2 id="edit-title">Edit Configuration</h2>
        <ModeSwitch current={shown} apiTokenHref={`${edit}?mode=api_token`} forgeHref={`${edit}?mode=forge`} />
        {switching ? (
          <div class="alert alert-info">
            <p>
              {shown === 'forge'
                ? 'This portfolio reads Jira with an API token. Entering the Forge app’s web trigger URL and secret switches it to the app; the linked projects stay if the app is installed on the same site and allows them.'
                : 'This portfolio reads Jira through the Forge app. Entering an account and API token switches it to the token; the app’s secret is then forgotten.'}
            </p>
          </div>
        ) : null}
        {shown === 'forge' ? (
          <>
            <p class="muted">Paste the secret again after it was rotated on the app’s admin page, or a new web trigger URL after the app was reinstalled. Both are checked with the app before they are saved; a trigger on another Jira site deletes this configuration, and you will be asked to confirm.</p>
            <form method="post" action={`${edit}/forge`} class="form-grid">
              <CsrfField token={page.csrfToken} />
              <ErrorSummary form={form} />
              <ForgeFields form={form} webTriggerUrl={connection.webTriggerUrl} secretHint={switching ? null : connection.secretHint} />
              <div class="actions">
                <a class="button button-secondary" href={integrations}>
                  Cancel
                </a>
                <SubmitButton busy="Checking the connection with the Forge app…">Save</SubmitButton>
              </div>
            </form>
          </>
        ) : (
          <>
            <p class="muted">Rotate the API token, or use another account. The new credentials are checked with Jira before they are saved. Changing the Jira Environment URL deletes this configuration: you will be asked to confirm.</p>
            <form method="post" action={edit} class="form-grid">
              <CsrfField token={page.csrfToken} />
              <ErrorSummary form={form} />
              <CredentialFields form={form} site={connection.siteUrl} account={connection.accountEmail ?? ''} tokenHint={switching ? undefined : connection.tokenHint} />
              <div class="actions">
                <a class="button button-secondary" href={integrations}>
                  Cancel
                </a>
                <SubmitButton busy="Checking the connection with Jira…">Save</SubmitButton>
              </div>
            </form>
          </>
        )}
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
            Moving from <strong>{connection.siteUrl}</strong> to <strong>{draft.siteUrl}</strong> deletes the current configuration.{' '}
            {draft.mode === 'forge' ? 'The Forge app on the new site answered.' : `The new credentials work (signed in as ${draft.accountName}).`}
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
