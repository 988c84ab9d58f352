// "Link epic" as a page: the dialog's search and results, for browsers without JavaScript.
import type { FC } from 'hono/jsx'
import type { EpicOption } from '../epics/epics.service.js'
import type { InitiativeView } from '../initiatives/initiative.service.js'
import type { LinkedProjectView } from '../jira/jira-connection.service.js'
import { EpicSearchForm, EpicSearchResults, type EpicSearchState } from './components/epic-search.js'
import { PortfolioFrame } from './components/portfolio-frame.js'
import { Layout } from './layout.js'
import type { PortfolioPage } from './page-context.js'

interface Props {
  page: PortfolioPage
  initiative: InitiativeView
  projects: LinkedProjectView[]
  search: EpicSearchState
  results: { epics: EpicOption[]; nextCursor: string | null; error: string | null } | null
}

export const LinkEpicPage: FC<Props> = ({ page, initiative, projects, search, results }) => {
  const path = `/portfolios/${page.portfolio.id}/initiatives/${initiative.id}`
  return (
    <Layout title={`Link epic to ${initiative.name}`} session={page}>
      <PortfolioFrame page={page} current="landscape" crumbs={[{ label: initiative.name, href: path }, { label: 'Link epic' }]}>
        <section class="card" aria-labelledby="link-epic-title">
          <h1 id="link-epic-title">Link epic to {initiative.name}</h1>
          {projects.length === 0 ? (
            <p>No Jira projects are linked to this portfolio yet. A portfolio manager links them in Portfolio Settings › Integrations.</p>
          ) : (
            <>
              <p class="muted">Pick a linked project, then search its epics by key or summary.</p>
              <EpicSearchForm initiativePath={path} projects={projects} search={search} idPrefix="link-epic-page" />
              <div id="link-epic-page-results" class="live-results" aria-live="polite">
                {results ? (
                  <EpicSearchResults
                    initiativeId={initiative.id}
                    initiativePath={path}
                    epics={results.epics}
                    nextCursor={results.nextCursor}
                    search={search}
                    csrfToken={page.csrfToken}
                    error={results.error}
                  />
                ) : null}
              </div>
            </>
          )}
          <p>
            <a href={path}>Back to {initiative.name}</a>
          </p>
        </section>
      </PortfolioFrame>
    </Layout>
  )
}
