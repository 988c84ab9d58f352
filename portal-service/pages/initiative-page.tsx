// An initiative: its roll-up, its linked epics with their progress, "Link epic", and its editable details.
import type { FC } from 'hono/jsx'
import type { EpicView, InitiativeProgress } from '../epics/epic-view.js'
import type { InitiativeView } from '../initiatives/initiative.service.js'
import { EPIC_LIMIT } from '../jira/integration-deps.js'
import type { MemberView } from '../memberships/membership.service.js'
import { plural } from '../plural.js'
import { BurnUpChart } from './components/burn-up-chart.js'
import { ChangesCard } from './components/changes-card.js'
import { ConfirmDialog, DialogTrigger } from './components/confirm.js'
import { EpicRow } from './components/epic-row.js'
import { EpicSearchForm } from './components/epic-search.js'
import { ForecastCard, SuggestionLozenge } from './components/forecast-card.js'
import { InitiativeForm } from './components/initiative-form.js'
import { InitiativeStatus, STATUS_LABELS } from './components/lozenge.js'
import { PortfolioFrame } from './components/portfolio-frame.js'
import { CategoryCountsText, PercentText, ProgressBar } from './components/progress-bar.js'
import { formatDate } from './components/relative-time.js'
import { SyncPanel } from './components/sync-panel.js'
import type { InitiativeTrend } from './initiative-trend.js'
import { Layout } from './layout.js'
import type { PageConnection, PortfolioPage } from './page-context.js'
import type { FormState } from './page-forms.js'

interface Props {
  page: PortfolioPage
  initiative: InitiativeView
  epics: EpicView[]
  progress: InitiativeProgress
  members: MemberView[]
  connection: PageConnection | null
  now: Date
  trend: InitiativeTrend
  form?: FormState | undefined
}

const RollUpCard: FC<{ progress: InitiativeProgress }> = ({ progress }) => {
  const { rollUp } = progress
  return (
    <section class="card" aria-labelledby="rollup-title">
      <h2 id="rollup-title">Progress</h2>
      {rollUp.epics === 0 ? (
        <p class="muted">No epics linked yet: progress appears once Jira epics are linked.</p>
      ) : (
        <>
          <ProgressBar counts={rollUp.children} />
          <CategoryCountsText counts={rollUp.children} />
          <PercentText percentDone={rollUp.percentDone} points={rollUp.points} />
          <ul class="flags">
            {progress.stale ? <li class="flag flag-warning">Some figures are stale: the last sync could not refresh them</li> : null}
            {rollUp.epicsWithoutChildren > 0 ? <li class="flag">{plural(rollUp.epicsWithoutChildren, 'epic')} without child issues</li> : null}
            {rollUp.epicsDoneWithOpenChildren > 0 ? <li class="flag flag-danger">{plural(rollUp.epicsDoneWithOpenChildren, 'epic')} Done in Jira with open children</li> : null}
            {rollUp.points && rollUp.points.unestimated > 0 ? <li class="flag flag-warning">{plural(rollUp.points.unestimated, 'child', 'children')} without estimate</li> : null}
            {progress.epicsNotRead > 0 ? <li class="flag">{plural(progress.epicsNotRead, 'epic')} not read from Jira yet</li> : null}
          </ul>
        </>
      )}
    </section>
  )
}

/** The burn-up with its count/points switch (plain links, so it works without scripts). */
const BurnUpCard: FC<{ trend: InitiativeTrend; path: string; name: string }> = ({ trend, path, name }) => {
  const { history } = trend
  const since = trend.changes.since
  const unit = trend.basis === 'points' ? 'story points' : 'child issues'
  return (
    <section class="card" aria-labelledby="burn-up-title">
      <div class="card-heading">
        <h2 id="burn-up-title">Burn-up</h2>
        {trend.hasPoints ? (
          <nav class="basis-switch" aria-label="Measure by">
            {(['count', 'points'] as const).map((basis) => (
              <a href={`${path}?basis=${basis}&since=${since}`} aria-current={basis === trend.basis ? 'true' : undefined}>
                {basis === 'count' ? 'Child issues' : 'Story points'}
              </a>
            ))}
          </nav>
        ) : null}
      </div>
      <BurnUpChart id="burn-up" title={`${name}: scope and done in ${unit}, ${history.from} to ${history.to}`} points={history.points} basis={history.basis} from={history.from} to={history.to} />
    </section>
  )
}

const DetailsList: FC<{ initiative: InitiativeView; owner: string }> = ({ initiative, owner }) => (
  <dl class="details">
    <dt>Stage</dt>
    <dd>{initiative.stage}</dd>
    <dt>Status</dt>
    <dd>{STATUS_LABELS[initiative.status]}</dd>
    <dt>Owner</dt>
    <dd>{owner}</dd>
    <dt>Start</dt>
    <dd>{formatDate(initiative.startDate)}</dd>
    <dt>Go-live</dt>
    <dd>{formatDate(initiative.targetDate)}</dd>
    <dt>Description</dt>
    <dd>{initiative.description ?? '—'}</dd>
  </dl>
)

export const InitiativePage: FC<Props> = ({ page, initiative, epics, progress, members, connection, now, trend, form }) => {
  const base = `/portfolios/${page.portfolio.id}`
  const path = `${base}/initiatives/${initiative.id}`
  const owner = members.find((m) => m.userId === initiative.ownerId)?.name ?? 'No owner'
  const canLink = page.can('linkEpics') && connection !== null
  const linkable = (connection?.linkedProjects ?? []).filter((p) => p.state === 'ok')
  return (
    <Layout title={initiative.name} session={page}>
      <PortfolioFrame page={page} current="landscape" connection={connection} crumbs={[{ label: initiative.name }]}>
        <div class="page-heading">
          <div>
            <h1>{initiative.name}</h1>
            <p class="heading-meta">
              <InitiativeStatus status={initiative.status} /> <SuggestionLozenge suggestion={trend.forecast.suggestion} /> <span class="badge">{initiative.stage}</span> <span class="muted">Owner: {owner}</span>{' '}
              <span class="muted">
                {formatDate(initiative.startDate)} → {formatDate(initiative.targetDate)}
              </span>
            </p>
          </div>
        </div>
        {connection ? <SyncPanel portfolioId={page.portfolio.id} connection={connection} canRefresh={page.can('linkEpics')} csrfToken={page.csrfToken} returnTo={path} now={now} events={connection.events} /> : null}
        <RollUpCard progress={progress} />
        <ForecastCard forecast={trend.forecast} />
        <BurnUpCard trend={trend} path={path} name={initiative.name} />
        <ChangesCard changes={trend.changes} action={path} today={trend.today} note={trend.note} basis={trend.basis} />
        <section class="card" aria-labelledby="epics-title">
          <div class="card-heading">
            <h2 id="epics-title">
              Linked epics <span class="count-hint">({epics.length} of {EPIC_LIMIT})</span>
            </h2>
            {canLink ? (
              <DialogTrigger dialogId="link-epic" href={`${path}/link-epic`} class="button button-primary">
                Link epic
              </DialogTrigger>
            ) : null}
          </div>
          {!connection ? (
            <p class="muted">This portfolio is not connected to Jira yet. A portfolio manager can configure it in Portfolio Settings › Integrations.</p>
          ) : null}
          {epics.length === 0 ? (
            connection ? <p class="muted">No epics are linked to this initiative yet.</p> : null
          ) : (
            <ul class="epic-list" aria-label="Linked epics">
              {epics.map((epic) => (
                <EpicRow epic={epic} portfolioId={page.portfolio.id} initiativeName={initiative.name} initiativePath={path} canUnlink={page.can('linkEpics')} csrfToken={page.csrfToken} now={now} />
              ))}
            </ul>
          )}
        </section>
        <section class="card" aria-labelledby="details-title">
          <h2 id="details-title">Details</h2>
          {page.can('editInitiatives') ? (
            <InitiativeForm action={path} csrfToken={page.csrfToken} stages={page.portfolio.stages} members={members} initiative={initiative} form={form} submitLabel="Save changes" idPrefix="edit" />
          ) : (
            <DetailsList initiative={initiative} owner={owner} />
          )}
        </section>
        {page.can('editInitiatives') ? (
          <section class="card card-danger" aria-labelledby="delete-title">
            <h2 id="delete-title">Delete initiative</h2>
            <p class="muted">Removes the initiative and unlinks its epics. Nothing changes in Jira.</p>
            <DialogTrigger dialogId="delete-initiative" href={`${path}/delete`} class="button button-danger">
              Delete initiative
            </DialogTrigger>
            <ConfirmDialog id="delete-initiative" title={`Delete ${initiative.name}?`} action={`${path}/delete`} confirmLabel="Delete" csrfToken={page.csrfToken}>
              <p>The initiative and its {plural(epics.length, 'epic link')} will be removed. Nothing changes in Jira.</p>
            </ConfirmDialog>
          </section>
        ) : null}
        {canLink ? (
          <dialog id="link-epic" class="dialog dialog-wide" aria-labelledby="link-epic-title">
            <div class="dialog-header">
              <h2 id="link-epic-title">Link epic</h2>
              <button type="button" class="button button-icon" data-close-dialog aria-label="Close">
                ⨉
              </button>
            </div>
            {linkable.length === 0 ? (
              <p>No Jira projects are linked to this portfolio yet. A portfolio manager links them in Portfolio Settings › Integrations.</p>
            ) : (
              <>
                <p class="muted">Pick a linked project, then search its epics by key or summary.</p>
                <EpicSearchForm initiativePath={path} projects={linkable} search={{ project: '', query: '', cursor: '' }} idPrefix="link-epic" />
                <div id="link-epic-results" class="live-results" aria-live="polite"></div>
              </>
            )}
          </dialog>
        ) : null}
      </PortfolioFrame>
    </Layout>
  )
}
