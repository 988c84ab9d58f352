// Wizard page 1: the seed's prerequisites, then Next.
import type { FC } from 'hono/jsx'
import { SettingsFrame } from './components/settings-frame.js'
import { WizardSteps } from './components/wizard-steps.js'
import type { PortfolioPage } from './page-context.js'

export const API_TOKEN_HELP = 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/'

export const JiraPrerequisitesPage: FC<{ page: PortfolioPage }> = ({ page }) => {
  const integrations = `/portfolios/${page.portfolio.id}/settings/integrations`
  return (
    <SettingsFrame page={page} tab="integrations" title="Configure Jira Integration" crumbs={[{ label: 'Integrations', href: integrations }, { label: 'Configure Jira Integration' }]}>
      <WizardSteps step={1}>
        <h3>Before you start</h3>
        <ul class="checklist">
          <li>You need to have the Portfolio Manager role for the portfolio.</li>
          <li>You need to have an active subscription to Jira Software Cloud.</li>
          <li>
            You need to have a user account and API token with access rights to the project in Jira. See{' '}
            <a href={API_TOKEN_HELP} target="_blank" rel="noopener noreferrer">
              Manage API tokens for your Atlassian account
            </a>
            .
          </li>
        </ul>
        <p>
          Or, instead of an account and API token: the <strong>Portfolio Bridge Forge app</strong>, installed on the Jira site by a Jira administrator, who picks on its admin page the projects
          this portal may see and gives you its web trigger URL and secret.
        </p>
        <p class="muted">Each portfolio needs its own Jira integration. Portfolio Bridge only reads from Jira: nothing is ever written there.</p>
        <div class="actions">
          <a class="button button-secondary" href={integrations}>
            Cancel
          </a>
          <a class="button button-primary" href={`${integrations}/jira/setup/credentials`}>
            Next
          </a>
        </div>
      </WizardSteps>
    </SettingsFrame>
  )
}
