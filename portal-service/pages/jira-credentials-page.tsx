// Wizard page 2: Jira Environment URL, Account and API Token (or, one link away, the Forge app), checked against Jira on Next.
import type { FC } from 'hono/jsx'
import { CsrfField, ErrorSummary, SubmitButton, TextField } from './components/form-controls.js'
import { ModeSwitch } from './components/mode-switch.js'
import { SettingsFrame } from './components/settings-frame.js'
import { WizardSteps } from './components/wizard-steps.js'
import { API_TOKEN_HELP } from './jira-prerequisites-page.js'
import type { PortfolioPage } from './page-context.js'
import type { FormState } from './page-forms.js'

/** The three credential fields, worded as the seed words them; also used by Edit Configuration. */
export const CredentialFields: FC<{ form?: FormState | undefined; site?: string; account?: string; tokenHint?: string }> = ({ form, site, account, tokenHint }) => (
  <>
    <TextField
      name="siteUrl"
      label="Jira Environment URL"
      required
      type="url"
      value={site}
      form={form}
      placeholder="https://mycompany.atlassian.net"
      hint="The URL of your company’s environment within Jira. It usually looks like https://mycompany.atlassian.net."
    />
    <TextField name="accountEmail" label="Account" required type="email" autocomplete="off" value={account} form={form} hint="The login name (email address) of a Jira user with access rights to the projects." />
    <TextField
      name="apiToken"
      label="API Token"
      required={!tokenHint}
      type="password"
      autocomplete="off"
      form={form}
      hint={
        <>
          {tokenHint ? `Leave blank to keep the current token (${tokenHint}). ` : 'A valid API token issued by Jira to the account above. '}
          <a href={API_TOKEN_HELP} target="_blank" rel="noopener noreferrer">
            How to create an API token
          </a>
        </>
      }
    />
  </>
)

export const JiraCredentialsPage: FC<{ page: PortfolioPage; form?: FormState | undefined }> = ({ page, form }) => {
  const integrations = `/portfolios/${page.portfolio.id}/settings/integrations`
  return (
    <SettingsFrame page={page} tab="integrations" title="Configure Jira Integration" crumbs={[{ label: 'Integrations', href: integrations }, { label: 'Configure Jira Integration' }]}>
      <WizardSteps step={2}>
        <ModeSwitch current="api_token" apiTokenHref={`${integrations}/jira/setup/credentials`} forgeHref={`${integrations}/jira/setup/forge`} />
        <form method="post" action={`${integrations}/jira/setup/credentials`} class="form-grid">
          <CsrfField token={page.csrfToken} />
          <ErrorSummary form={form} />
          <CredentialFields form={form} />
          <div class="actions">
            <a class="button button-secondary" href={`${integrations}/jira/setup`}>
              Back
            </a>
            <SubmitButton busy="Checking the connection with Jira…">Next</SubmitButton>
          </div>
        </form>
      </WizardSteps>
    </SettingsFrame>
  )
}
