// The portfolio landscape: initiatives by stage with status, owner, dates and their epics' roll-up progress.
import type { FC } from 'hono/jsx'
import type { InitiativeProgress } from '../epics/epic-view.js'
import type { AttentionItem } from '../history/attention.js'
import type { InitiativeView } from '../initiatives/initiative.service.js'
import type { MemberView } from '../memberships/membership.service.js'
import { plural } from '../plural.js'
import { AttentionPanel } from './components/attention-panel.js'
import { DialogTrigger } from './components/confirm.js'
import { InitiativeForm } from './components/initiative-form.js'
import { InitiativeStatus } from './components/lozenge.js'
import { PortfolioFrame } from './components/portfolio-frame.js'
import { ProgressBar } from './components/progress-bar.js'
import { formatDate, RelativeTime } from './components/relative-time.js'
import { SyncPanel } from './components/sync-panel.js'
import { TrendLine } from './components/trend-line.js'
import type { Trend } from './landscape-trends.js'
import { Layout } from './layout.js'
import type { PageConnection, PortfolioPage } from './page-context.js'

interface Props {
  page: PortfolioPage
  initiatives: InitiativeView[]
  progress: Map<string, InitiativeProgress>
  members: MemberView[]
  connection: PageConnection | null
  now: Date
  attention: AttentionItem[]
  trends: Map<string, Trend>
}

const ProgressCell: FC<{ progress: InitiativeProgress | undefined; now: Date }> = ({ progress, now }) => {
  if (!progress || progress.rollUp.epics === 0) return <span class="muted">No linked epics</span>
  const { rollUp } = progress
  return (
    <div class="progress-cell">
      <ProgressBar counts={rollUp.children} />
      <p class="progress-caption">
        <strong>{rollUp.percentDone === null ? '—' : `${rollUp.percentDone}%`}</strong> done · {plural(rollUp.epics, 'epic')}
        {rollUp.points?.percentDone != null ? <> · {rollUp.points.percentDone}% of points</> : null}
        {progress.stale ? (
          <span class="stale-marker" title="The last sync could not refresh some figures">
            {' '}
            Stale
          </span>
        ) : null}
      </p>
      {progress.readAt ? (
        <p class="progress-caption muted">
          Read <RelativeTime iso={progress.readAt} now={now} />
        </p>
      ) : null}
    </div>
  )
}

function trendCell(trend: Trend | undefined) {
  return trend ? <TrendLine points={trend.points} basis={trend.basis} from={trend.from} to={trend.to} /> : <span class="muted">No history yet</span>
}

export const LandscapePage: FC<Props> = ({ page, initiatives, progress, members, connection, now, attention, trends }) => {
  const base = `/portfolios/${page.portfolio.id}`
  const stages = page.portfolio.stages
  const owners = new Map(members.map((m) => [m.userId, m.name]))
  const order = (stage: string) => (stages.indexOf(stage) + 1 || stages.length + 1)
  const sorted = [...initiatives].sort((a, b) => order(a.stage) - order(b.stage) || a.name.localeCompare(b.name))
  return (
    <Layout title={page.portfolio.name} session={page}>
      <PortfolioFrame page={page} current="landscape" connection={connection}>
        <div class="page-heading">
          <h1>Portfolio landscape</h1>
          {page.can('editInitiatives') ? (
            <DialogTrigger dialogId="new-initiative" href={`${base}/initiatives/new`} class="button button-primary">
              New initiative
            </DialogTrigger>
          ) : null}
        </div>
        {page.portfolio.description ? <p class="lead">{page.portfolio.description}</p> : null}
        {connection ? (
          <SyncPanel portfolioId={page.portfolio.id} connection={connection} canRefresh={page.can('linkEpics')} csrfToken={page.csrfToken} returnTo={base} now={now} events={connection.events} />
        ) : null}
        <AttentionPanel items={attention} portfolioId={page.portfolio.id} csvHref={`/api/portfolios/${page.portfolio.id}/initiatives.csv`} />
        <ul class="stage-strip" aria-label="Initiatives by stage">
          {stages.map((stage) => (
            <li class="stage-tile">
              <span class="stage-count">{initiatives.filter((i) => i.stage === stage).length}</span>
              <span class="stage-name">{stage}</span>
            </li>
          ))}
        </ul>
        {sorted.length === 0 ? (
          <section class="card empty-state">
            <h2>No initiatives yet</h2>
            <p>{page.can('editInitiatives') ? 'Create the first initiative, then link Jira epics to it to track their progress.' : 'Nothing has been planned in this portfolio yet.'}</p>
          </section>
        ) : (
          <div class="table-wrap card">
            <table class="table" aria-label="Initiatives">
              <thead>
                <tr>
                  <th scope="col">Initiative</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Status</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Start</th>
                  <th scope="col">Go-live</th>
                  <th scope="col" class="col-progress">Progress</th>
                  <th scope="col">Trend</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((initiative) => (
                  <tr data-initiative={initiative.name}>
                    <th scope="row">
                      <a href={`${base}/initiatives/${initiative.id}`}>{initiative.name}</a>
                    </th>
                    <td>{initiative.stage}</td>
                    <td>
                      <InitiativeStatus status={initiative.status} />
                    </td>
                    <td>{initiative.ownerId ? (owners.get(initiative.ownerId) ?? '—') : <span class="muted">—</span>}</td>
                    <td>{formatDate(initiative.startDate)}</td>
                    <td>{formatDate(initiative.targetDate)}</td>
                    <td>
                      <ProgressCell progress={progress.get(initiative.id)} now={now} />
                    </td>
                    <td>{trendCell(trends.get(initiative.id))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page.can('editInitiatives') ? (
          <dialog id="new-initiative" class="dialog dialog-wide" aria-labelledby="new-initiative-title">
            <div class="dialog-header">
              <h2 id="new-initiative-title">New initiative</h2>
              <button type="button" class="button button-icon" data-close-dialog aria-label="Close">
                ⨉
              </button>
            </div>
            <InitiativeForm action={`${base}/initiatives`} csrfToken={page.csrfToken} stages={stages} members={members} submitLabel="Create initiative" idPrefix="new" />
          </dialog>
        ) : null}
      </PortfolioFrame>
    </Layout>
  )
}

