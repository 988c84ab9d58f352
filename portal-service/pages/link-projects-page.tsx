// +Link Projects as a page: the dialog's search and selection for browsers without JavaScript.
import type { FC } from 'hono/jsx'
import type { ConnectionView } from '../jira/jira-connection.service.js'
import { ProjectPicker, type PickerResults, type PickerState } from './components/project-picker.js'
import { SettingsFrame } from './components/settings-frame.js'
import type { PortfolioPage } from './page-context.js'

export const LinkProjectsPage: FC<{ page: PortfolioPage; connection: ConnectionView; state: PickerState; results: PickerResults | null }> = ({ page, connection, state, results }) => {
  const integrations = `/portfolios/${page.portfolio.id}/settings/integrations`
  return (
    <SettingsFrame page={page} tab="integrations" title="Link Jira projects" connection={connection} crumbs={[{ label: 'Integrations', href: integrations }, { label: 'Link Jira projects' }]}>
      <section class="card" aria-labelledby="link-projects-page-title">
        <h2 id="link-projects-page-title">Link Jira projects</h2>
        <ProjectPicker
          action={`${integrations}/jira/link-projects`}
          csrfToken={page.csrfToken}
          submitLabel="Done"
          submitBusy="Linking…"
          cancelHref={integrations}
          state={state}
          results={results}
          portfolioId={page.portfolio.id}
          idPrefix="link-projects-page"
        />
      </section>
    </SettingsFrame>
  )
}
