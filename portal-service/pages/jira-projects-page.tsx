// Wizard page 3: select up to 20 Jira projects (searched on Jira's side), then Save.
import type { FC } from 'hono/jsx'
import { ProjectPicker, type PickerResults, type PickerState } from './components/project-picker.js'
import { SettingsFrame } from './components/settings-frame.js'
import { WizardSteps } from './components/wizard-steps.js'
import type { JiraDraft } from './jira-draft.js'
import type { PortfolioPage } from './page-context.js'

interface Props {
  page: PortfolioPage
  draft: JiraDraft
  state: PickerState
  results: PickerResults | null
}

export const JiraProjectsPage: FC<Props> = ({ page, draft, state, results }) => {
  const integrations = `/portfolios/${page.portfolio.id}/settings/integrations`
  return (
    <SettingsFrame page={page} tab="integrations" title="Configure Jira Integration" crumbs={[{ label: 'Integrations', href: integrations }, { label: 'Configure Jira Integration' }]}>
      <WizardSteps step={3}>
        <div class="alert alert-success" role="status">
          {draft.mode === 'forge' ? (
            <p>
              Connected to <strong>{draft.siteUrl}</strong> through the Forge app. The projects below are the ones on the app’s allow-list.
            </p>
          ) : (
            <p>
              Connected to <strong>{draft.siteUrl}</strong> as <strong>{draft.accountName}</strong> ({draft.accountEmail}).
            </p>
          )}
        </div>
        <p>
          Select the Jira projects you want to link to this portfolio. You can link more, or unlink some, later.
          {draft.mode === 'forge' ? ' A project that is missing here can be added to the allow-list on the app’s admin page in Jira.' : ''}
        </p>
        <ProjectPicker
          action={`${integrations}/jira/setup/projects`}
          csrfToken={page.csrfToken}
          submitLabel="Save"
          submitBusy="Saving the configuration…"
          cancelHref={integrations}
          state={state}
          results={results}
          portfolioId={null}
          idPrefix="wizard-projects"
        />
      </WizardSteps>
    </SettingsFrame>
  )
}
