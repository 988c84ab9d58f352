// Wizard page 2 in Forge mode: the Forge app's web trigger URL and secret, checked with a signed ping on Next.
import type { FC } from 'hono/jsx'
import { ForgeFields } from './components/forge-fields.js'
import { CsrfField, ErrorSummary, SubmitButton } from './components/form-controls.js'
import { ModeSwitch } from './components/mode-switch.js'
import { SettingsFrame } from './components/settings-frame.js'
import { WizardSteps } from './components/wizard-steps.js'
import type { PortfolioPage } from './page-context.js'
import type { FormState } from './page-forms.js'

export const JiraForgeCredentialsPage: FC<{ page: PortfolioPage; form?: FormState | undefined }> = ({ page, form }) => {
  const integrations = `/portfolios/${page.portfolio.id}/settings/integrations`
  return (
    <SettingsFrame page={page} tab="integrations" title="Configure Jira Integration" crumbs={[{ label: 'Integrations', href: integrations }, { label: 'Configure Jira Integration' }]}>
      <WizardSteps step={2}>
        <ModeSwitch current="forge" apiTokenHref={`${integrations}/jira/setup/credentials`} forgeHref={`${integrations}/jira/setup/forge`} />
        <p>
          A Jira administrator installs the Portfolio Bridge app, picks the projects this portal may see, and generates a secret on the app’s admin page. No personal API token is stored in the
          portal, and the app forwards Jira’s issue events so figures stay fresh within seconds.
        </p>
        <form method="post" action={`${integrations}/jira/setup/forge`} class="form-grid">
          <CsrfField token={page.csrfToken} />
          <ErrorSummary form={form} />
          <ForgeFields form={form} />
          <div class="actions">
            <a class="button button-secondary" href={`${integrations}/jira/setup`}>
              Back
            </a>
            <SubmitButton busy="Checking the connection with the Forge app…">Next</SubmitButton>
          </div>
        </form>
      </WizardSteps>
    </SettingsFrame>
  )
}
