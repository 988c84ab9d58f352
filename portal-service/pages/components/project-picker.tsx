// Choosing Jira projects: search on Jira's side, page through, tick up to the limit; used by the wizard and +Link Projects.
import type { FC } from 'hono/jsx'
import { CsrfField, SubmitButton } from './form-controls.js'
import { ProjectIcon } from './project-icon.js'

export interface PickerProject {
  key: string
  name: string
  avatarUrl: string | null
  /** Already linked to this portfolio: shown, not selectable. */
  linked: boolean
}

export interface PickerResults {
  projects: PickerProject[]
  startAt: number
  total: number | null
  isLast: boolean
  pageSize: number
}

export interface PickerState {
  query: string
  /** Ticked so far, across searches and pages, with the names they were shown with. */
  selected: { key: string; name: string }[]
  /** How many more projects may be linked (the 20-per-portfolio limit minus those linked). */
  capacity: number
  limit: number
  error?: string | null
}

interface ResultsProps {
  state: PickerState
  results: PickerResults | null
  /** For project icons; null in the wizard, before the connection exists. */
  portfolioId: string | null
}

/** The part search-as-you-type replaces: what is ticked, and the current page of matches. */
export const PickerResultsPanel: FC<ResultsProps> = ({ state, results, portfolioId }) => {
  const selectedKeys = new Set(state.selected.map((p) => p.key))
  const shown = results?.projects.filter((p) => !selectedKeys.has(p.key)) ?? []
  const first = (results?.startAt ?? 0) + 1
  const last = (results?.startAt ?? 0) + (results?.projects.length ?? 0)
  return (
    <>
      {state.error ? (
        <div class="alert alert-error" role="alert">
          <p>{state.error}</p>
        </div>
      ) : null}
      {state.selected.length > 0 ? (
        <fieldset class="picker-group">
          <legend>Selected</legend>
          <ul class="picker-list">
            {state.selected.map((p) => (
              <li>
                <label class="picker-option picker-option-selected">
                  <input type="checkbox" name="projectKeys" value={p.key} checked data-picker-box />
                  <span class="picker-name">{p.name}</span> <span class="key">{p.key}</span>
                </label>
                <input type="hidden" name="projectLabels" value={`${p.key}:${p.name}`} />
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <fieldset class="picker-group">
        <legend>{state.query ? `Projects matching “${state.query}”` : 'Projects'}</legend>
        {results === null ? (
          <p class="muted" data-picker-loading>
            Loading projects from Jira…
          </p>
        ) : results.projects.length === 0 ? (
          <p class="muted">No Jira project matches{state.query ? ` “${state.query}”` : ''} for this account.</p>
        ) : (
          <>
            <p class="muted search-summary">
              Showing {first}–{last}
              {results.total !== null ? ` of ${results.total}` : ''}
            </p>
            <ul class="picker-list">
              {shown.map((p) => (
                <li>
                  <label class={p.linked ? 'picker-option picker-option-linked' : 'picker-option'}>
                    <input type="checkbox" name="projectKeys" value={p.key} disabled={p.linked} data-picker-box={p.linked ? undefined : ""} />
                    {portfolioId ? <ProjectIcon portfolioId={portfolioId} avatarUrl={p.avatarUrl} projectKey={p.key} /> : <ProjectIcon portfolioId="" avatarUrl={null} projectKey={p.key} />}
                    <span class="picker-name">{p.name}</span> <span class="key">{p.key}</span>
                    {p.linked ? <span class="badge">Already linked</span> : null}
                  </label>
                  {p.linked ? null : <input type="hidden" name="projectLabels" value={`${p.key}:${p.name}`} />}
                </li>
              ))}
            </ul>
            <div class="pager">
              {results.startAt > 0 ? (
                <button type="submit" class="button button-secondary button-small" name="startAt" value={String(Math.max(0, results.startAt - results.pageSize))}>
                  Previous
                </button>
              ) : null}
              {!results.isLast ? (
                <button type="submit" class="button button-secondary button-small" name="startAt" value={String(results.startAt + results.projects.length)}>
                  Next
                </button>
              ) : null}
            </div>
          </>
        )}
      </fieldset>
    </>
  )
}

interface PickerProps extends ResultsProps {
  action: string
  csrfToken: string
  submitLabel: 'Save' | 'Done'
  submitBusy: string
  cancelHref: string
  /** Load the first page when shown (in a dialog, so the settings page does not ask Jira on every view). */
  autoload?: boolean
  idPrefix: string
}

export const ProjectPicker: FC<PickerProps> = (props) => {
  const { state } = props
  const resultsId = `${props.idPrefix}-results`
  return (
    <form
      method="post"
      action={props.action}
      class="project-picker"
      data-project-picker
      data-capacity={String(state.capacity)}
      data-live-search={`${props.action}?fragment=results`}
      data-live-target={resultsId}
      data-autoload={props.autoload ? 'true' : undefined}
    >
      <CsrfField token={props.csrfToken} />
      <p class="picker-limit" id={`${props.idPrefix}-limit`}>
        You can link up to {state.limit} Jira projects per portfolio.{' '}
        <strong>
          <span data-picker-count>{state.selected.length}</span> selected
        </strong>
        {state.capacity < state.limit ? `; ${state.limit - state.capacity} already linked` : ''}; at most {state.capacity} can be added.
      </p>
      <div class="search-form">
        <div class="field field-grow">
          <label for={`${props.idPrefix}-q`}>Search Jira projects by name or key</label>
          <input id={`${props.idPrefix}-q`} name="q" type="search" value={state.query} autocomplete="off" />
        </div>
        <button type="submit" class="button button-secondary" name="intent" value="search">
          Search
        </button>
      </div>
      <div id={resultsId} class="live-results" aria-live="polite">
        <PickerResultsPanel state={state} results={props.results} portfolioId={props.portfolioId} />
      </div>
      <div class="actions">
        <a class="button button-secondary" href={props.cancelHref} data-close-dialog>
          Cancel
        </a>
        <SubmitButton name="intent" value="save" busy={props.submitBusy}>
          {props.submitLabel}
        </SubmitButton>
      </div>
    </form>
  )
}

/** The ticked projects from a posted picker: keys in order, with the names they were shown with. */
export function selectedFrom(keys: string[], labels: string[]): { key: string; name: string }[] {
  const names = new Map(labels.map((label) => [label.slice(0, label.indexOf(':')), label.slice(label.indexOf(':') + 1)]))
  return [...new Set(keys.map((k) => k.trim().toUpperCase()).filter(Boolean))].map((key) => ({ key, name: names.get(key) ?? key }))
}
