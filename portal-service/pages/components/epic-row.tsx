// One linked epic: project icon, key linking to Jira, summary, status, assignee, progress, freshness and flags.
import type { FC } from 'hono/jsx'
import type { EpicView } from '../../epics/epic-view.js'
import { plural } from '../../plural.js'
import { ConfirmDialog, DialogTrigger } from './confirm.js'
import { JiraStatus } from './lozenge.js'
import { CategoryCountsText, PercentText, ProgressBar } from './progress-bar.js'
import { ProjectIcon } from './project-icon.js'
import { formatDateTime, RelativeTime } from './relative-time.js'

interface Props {
  epic: EpicView
  portfolioId: string
  initiativeName: string
  /** The initiative page's path; unlinking posts below it. */
  initiativePath: string
  canUnlink: boolean
  csrfToken: string
  now: Date
}

/** Marks what people are misled by elsewhere (DESIGN.md, "Epic progress"). */
const EpicFlags: FC<{ epic: EpicView }> = ({ epic }) => {
  const flags: { text: string; tone: string }[] = []
  if (epic.flags.doneWithOpenChildren) flags.push({ text: 'Done in Jira with open children', tone: 'flag-danger' })
  if (epic.flags.unestimatedChildren > 0) {
    flags.push({ text: `${plural(epic.flags.unestimatedChildren, 'child', 'children')} without estimate`, tone: 'flag-warning' })
  }
  if (flags.length === 0) return null
  return (
    <ul class="flags" aria-label="Warnings">
      {flags.map((flag) => (
        <li class={`flag ${flag.tone}`}>{flag.text}</li>
      ))}
    </ul>
  )
}

export const EpicRow: FC<Props> = ({ epic, portfolioId, initiativeName, initiativePath, canUnlink, csrfToken, now }) => {
  const unlinkPath = `${initiativePath}/epics/${encodeURIComponent(epic.key)}/unlink`
  const dialogId = `unlink-epic-${epic.id}`
  const gone = epic.state !== 'ok' && epic.state !== 'not_read'
  return (
    <li class={gone ? 'epic-row epic-row-gone' : 'epic-row'} data-epic={epic.key} data-state={epic.state}>
      <ProjectIcon portfolioId={portfolioId} avatarUrl={epic.project.avatarUrl} projectKey={epic.project.key || epic.key} />
      <div class="epic-main">
        <p class="epic-title">
          {epic.url ? (
            <a class="epic-key" href={epic.url} target="_blank" rel="noopener noreferrer">
              {epic.key}
              <span class="visually-hidden"> (opens in Jira)</span>
            </a>
          ) : (
            <span class="epic-key">{epic.key}</span>
          )}{' '}
          <span class="epic-summary">{epic.summary || 'Not read from Jira yet'}</span>
        </p>
        <p class="epic-meta">
          <JiraStatus name={epic.status.name} category={epic.status.category} />
          <span>{epic.assignee ? epic.assignee.displayName : 'Unassigned'}</span>
          <span class="muted">
            Read <RelativeTime iso={epic.readAt} now={now} never="not yet" />
          </span>
          {epic.stale ? (
            <span class="stale-marker" title={epic.staleSince ? `Could not be refreshed since ${formatDateTime(epic.staleSince)}` : undefined}>
              Stale: last known figures
            </span>
          ) : null}
        </p>
        {epic.stateMessage ? (
          <p class={gone ? 'epic-state epic-state-gone' : 'epic-state'}>
            {epic.state === 'deleted' ? <strong>Deleted in Jira. </strong> : epic.state === 'moved_out' ? <strong>Moved out. </strong> : epic.state === 'not_epic' ? <strong>No longer an epic. </strong> : null}
            {epic.stateMessage}
          </p>
        ) : null}
        <EpicFlags epic={epic} />
      </div>
      <div class="epic-progress">
        {epic.progress ? (
          <>
            <ProgressBar counts={epic.progress.children} />
            <CategoryCountsText counts={epic.progress.children} />
            {epic.progress.percentDone === null ? (
              <p class="progress-percent muted">No child issues: the epic’s own status shows its progress.</p>
            ) : (
              <PercentText percentDone={epic.progress.percentDone} points={epic.progress.points} />
            )}
          </>
        ) : (
          <p class="muted">Progress not read yet.</p>
        )}
      </div>
      {canUnlink ? (
        <div class="epic-actions">
          <DialogTrigger dialogId={dialogId} href={unlinkPath} class="button button-icon" label={`Unlink ${epic.key}`}>
            ⨉
          </DialogTrigger>
          <ConfirmDialog id={dialogId} title={`Unlink ${epic.key}?`} action={unlinkPath} confirmLabel="Unlink" csrfToken={csrfToken} busy="Unlinking…">
            <UnlinkEpicWarning epic={epic} initiativeName={initiativeName} />
          </ConfirmDialog>
        </div>
      ) : null}
    </li>
  )
}

export const UnlinkEpicWarning: FC<{ epic: EpicView; initiativeName: string }> = ({ epic, initiativeName }) => (
  <>
    <p>
      <strong>{epic.key}</strong> {epic.summary ? `“${epic.summary}”` : null} will no longer be linked to <strong>{initiativeName}</strong>, and its
      progress will no longer count in this initiative.
    </p>
    <p class="muted">Nothing changes in Jira. You can link the epic again later.</p>
  </>
)
