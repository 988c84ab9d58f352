// "Link epic": pick a linked project, search its epics by key or summary, and link one with a button.
import type { FC } from 'hono/jsx'
import type { EpicOption } from '../../epics/epics.service.js'
import type { LinkedProjectView } from '../../jira/jira-connection.service.js'
import { CsrfField } from './form-controls.js'
import { JiraStatus } from './lozenge.js'

export interface EpicSearchState {
  project: string
  query: string
  cursor: string
}

interface FormProps {
  initiativePath: string
  projects: LinkedProjectView[]
  search: EpicSearchState
  idPrefix: string
}

/** A GET form: searching changes nothing, so it needs no CSRF token and works as a plain link. */
export const EpicSearchForm: FC<FormProps> = ({ initiativePath, projects, search, idPrefix }) => (
  <form
    method="get"
    action={`${initiativePath}/link-epic`}
    class="search-form"
    role="search"
    data-live-search={`${initiativePath}/link-epic/results`}
    data-live-target={`${idPrefix}-results`}
  >
    <div class="field">
      <label for={`${idPrefix}-project`}>Jira project</label>
      <select id={`${idPrefix}-project`} name="project">
        <option value="" selected={search.project === ''}>
          All linked projects
        </option>
        {projects.map((project) => (
          <option value={project.key} selected={project.key === search.project}>
            {project.name} ({project.key})
          </option>
        ))}
      </select>
    </div>
    <div class="field field-grow">
      <label for={`${idPrefix}-q`}>Search by key or summary</label>
      <input id={`${idPrefix}-q`} name="q" type="search" value={search.query} placeholder="e.g. MOB-12 or onboarding" autocomplete="off" autofocus />
    </div>
    <button type="submit" class="button button-secondary">
      Search
    </button>
  </form>
)

interface ResultsProps {
  initiativeId: string
  initiativePath: string
  epics: EpicOption[]
  nextCursor: string | null
  search: EpicSearchState
  csrfToken: string
  error?: string | null
}

/** The matching epics; each links with a POST of its own. Rendered alone for search-as-you-type. */
export const EpicSearchResults: FC<ResultsProps> = ({ initiativeId, initiativePath, epics, nextCursor, search, csrfToken, error }) => {
  if (error) {
    return (
      <div class="alert alert-error" role="alert">
        <p>{error}</p>
      </div>
    )
  }
  if (epics.length === 0) return <p class="muted search-summary">No epics match{search.query ? ` “${search.query}”` : ''}.</p>
  const more = new URLSearchParams({ project: search.project, q: search.query, cursor: nextCursor ?? '' })
  return (
    <>
      <p class="visually-hidden search-summary">{`${epics.length}${nextCursor ? '+' : ''} epics found`}</p>
      <ul class="result-list" aria-label="Epics found">
        {epics.map((epic) => {
          const here = epic.linkedTo.includes(initiativeId)
          return (
            <li class="result-row" data-epic={epic.key}>
              <div class="result-main">
                <span class="epic-key">{epic.key}</span> <span>{epic.summary}</span>{' '}
                <JiraStatus name={epic.status.name} category={epic.status.category} />
                {!here && epic.linkedTo.length > 0 ? <span class="muted"> · also on another initiative</span> : null}
              </div>
              {here ? (
                <span class="badge">Linked</span>
              ) : (
                <form method="post" action={`${initiativePath}/epics`}>
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="epicKey" value={epic.key} />
                  <button type="submit" class="button button-primary button-small" data-busy="Linking…" aria-label={`Link ${epic.key}`}>
                    Link
                  </button>
                </form>
              )}
            </li>
          )
        })}
      </ul>
      {nextCursor ? (
        <p>
          <a href={`${initiativePath}/link-epic?${more}`} data-live-more>
            More results
          </a>
        </p>
      ) : null}
    </>
  )
}
