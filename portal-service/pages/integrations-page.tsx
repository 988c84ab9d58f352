// Portfolio Settings › Integrations: "Configure Jira Integration", or the integration card and the linked projects.
import type { FC } from 'hono/jsx'
import type { ForgeEventFeedView } from '../forge-events/forge-event-subscription.js'
import type { CascadeResult } from '../jira/jira-connection.service.js'
import type { UnlinkedEpic } from '../jira/unlinked.js'
import { UnlinkedEpicsList, UnlinkedProjectsList } from './components/cascade-list.js'
import { ConfirmDialog, DialogTrigger } from './components/confirm.js'
import { EventFlow } from './components/event-flow.js'
import { EventsCard } from './components/events-card.js'
import { HealthLozenge } from './components/lozenge.js'
import { ProjectIcon } from './components/project-icon.js'
import { ProjectPicker } from './components/project-picker.js'
import { formatDateTime, RelativeTime } from './components/relative-time.js'
import { SettingsFrame } from './components/settings-frame.js'
import type { WebhookView } from '../webhooks/webhook.service.js'
import type { PageConnection, PortfolioPage } from './page-context.js'

interface Props {
  page: PortfolioPage
  connection: PageConnection | null
  /** Managers only: what is behind the events (the Jira webhook, or the Forge app's subscription). */
  webhook?: WebhookView | null | undefined
  forgeFeed?: ForgeEventFeedView | null | undefined
  /** For the confirmation boxes (managers only). */
  deletePreview: CascadeResult | null
  unlinkPreviews: Map<string, UnlinkedEpic[]>
  now: Date
}

const NotConfigured: FC<{ page: PortfolioPage; setup: string }> = ({ page, setup }) => (
  <section class="card integration-card" aria-labelledby="jira-title">
    <h2 id="jira-title">Jira integration</h2>
    <p>Link Jira projects to this portfolio, then link their epics to initiatives to track progress here. Nothing is ever written to Jira.</p>
    {page.can('configureJira') ? (
      <a class="button button-primary" href={setup}>
        Configure Jira Integration
      </a>
    ) : (
      <p class="muted">Not configured. Only a Portfolio Manager from the portfolio’s company can configure it.</p>
    )}
  </section>
)

export const IntegrationsPage: FC<Props> = ({ page, connection, webhook, forgeFeed, deletePreview, unlinkPreviews, now }) => {
  const jira = `/portfolios/${page.portfolio.id}/settings/integrations/jira`
  if (!connection) {
    return (
      <SettingsFrame page={page} tab="integrations" connection={null}>
        <NotConfigured page={page} setup={`${jira}/setup`} />
      </SettingsFrame>
    )
  }
  const linked = connection.linkedProjects
  const capacity = connection.projectLimit - linked.length
  return (
    <SettingsFrame page={page} tab="integrations" connection={connection}>
      <section class="card integration-card" aria-labelledby="jira-title">
        <div class="card-heading">
          <h2 id="jira-title">Jira Configuration</h2>
          {page.can('configureJira') ? (
            <div class="card-actions">
              <a class="button button-secondary" href={`${jira}/edit`}>
                Edit Configuration
              </a>
              <details class="menu">
                <summary class="button button-icon" aria-label="More actions for the Jira configuration">
                  ...
                </summary>
                <div class="menu-items">
                  <DialogTrigger dialogId="delete-jira" href={`${jira}/delete`} class="menu-item menu-item-danger">
                    Delete
                  </DialogTrigger>
                </div>
              </details>
            </div>
          ) : null}
        </div>
        <dl class="details details-columns">
          <dt>Jira Environment URL</dt>
          <dd>
            <a href={connection.siteUrl} target="_blank" rel="noopener noreferrer">
              {connection.siteUrl}
            </a>
          </dd>
          {connection.mode === 'forge' ? (
            <>
              <dt>Connected through</dt>
              <dd>The Forge app installed on the Jira site</dd>
              <dt>Web trigger</dt>
              <dd class="token-hint">{connection.webTriggerUrl}</dd>
              <dt>Shared secret</dt>
              <dd>
                <span class="token-hint">{connection.secretHint}</span> <span class="muted">(never shown in full)</span>
              </dd>
            </>
          ) : (
            <>
              <dt>Account</dt>
              <dd>
                {connection.accountName ? `${connection.accountName} · ` : ''}
                {connection.accountEmail}
              </dd>
              <dt>API Token</dt>
              <dd>
                <span class="token-hint">{connection.tokenHint}</span> <span class="muted">(never shown in full)</span>
              </dd>
            </>
          )}
          <dt>Health</dt>
          <dd>
            <HealthLozenge status={connection.health.status} /> {connection.health.message}
          </dd>
          <dt>Last sync</dt>
          <dd>
            <RelativeTime iso={connection.lastSyncAt} now={now} never="not yet" />
            {connection.lastSyncAt ? <span class="muted"> ({formatDateTime(connection.lastSyncAt)})</span> : null}
          </dd>
          <dt>Jira events</dt>
          <dd>
            <EventFlow events={connection.events} now={now} />
          </dd>
        </dl>
      </section>
      <EventsCard page={page} connection={connection} webhook={webhook} forgeFeed={forgeFeed} now={now} />
      <section class="card" aria-labelledby="linked-projects-title">
        <div class="card-heading">
          <h2 id="linked-projects-title">
            Linked Projects <span class="count-hint">({linked.length} of {connection.projectLimit})</span>
          </h2>
          {page.can('linkProjects') ? (
            capacity > 0 ? (
              <DialogTrigger dialogId="link-projects" href={`${jira}/link-projects`} class="button button-primary">
                +Link Projects
              </DialogTrigger>
            ) : (
              <span class="muted">The limit of {connection.projectLimit} projects is reached: unlink one to link another.</span>
            )
          ) : null}
        </div>
        {page.can('linkProjects') ? (
          <p class="muted">You can only link Jira projects that the configured account can see, at most {connection.projectLimit}. Unlinking a project also unlinks its epics from the initiatives they are linked to.</p>
        ) : null}
        {linked.length === 0 ? (
          <p class="muted">No Jira projects are linked yet.{page.can('linkProjects') ? ' Use +Link Projects to add some.' : ''}</p>
        ) : (
          <table class="table" aria-label="Linked Jira projects">
            <thead>
              <tr>
                <th scope="col">
                  <span class="visually-hidden">Icon</span>
                </th>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                {page.can('linkProjects') ? (
                  <th scope="col">
                    <span class="visually-hidden">Unlink</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {linked.map((project) => (
                <tr data-project={project.key}>
                  <td class="col-icon">
                    <ProjectIcon portfolioId={page.portfolio.id} avatarUrl={project.avatarUrl} projectKey={project.key} />
                  </td>
                  <th scope="row">
                    {project.name}
                    {project.state === 'missing' ? <span class="flag flag-warning"> Jira no longer shows this project to the account</span> : null}
                  </th>
                  <td>
                    <a href={project.url} target="_blank" rel="noopener noreferrer" class="key-link">
                      {project.key}
                      <span class="visually-hidden"> (opens the project in Jira)</span>
                    </a>
                  </td>
                  {page.can('linkProjects') ? (
                    <td class="col-action">
                      <DialogTrigger dialogId={`unlink-${project.key}`} href={`${jira}/projects/${project.key}/unlink`} class="button button-icon" label={`Unlink ${project.name} (${project.key})`}>
                        ⨉
                      </DialogTrigger>
                      <ConfirmDialog id={`unlink-${project.key}`} title={`Unlink ${project.name}?`} action={`${jira}/projects/${project.key}/unlink`} confirmLabel="Unlink" csrfToken={page.csrfToken} busy="Unlinking…">
                        <p>
                          <strong>{project.name}</strong> ({project.key}) will be unlinked from this portfolio. Nothing changes in Jira.
                        </p>
                        <UnlinkedEpicsList epics={unlinkPreviews.get(project.key) ?? []} />
                      </ConfirmDialog>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {page.can('configureJira') && deletePreview ? (
        <ConfirmDialog id="delete-jira" title="Delete the Jira configuration?" action={`${jira}/delete`} confirmLabel="Delete" csrfToken={page.csrfToken} busy="Deleting…">
          <p>The portfolio will no longer be connected to {connection.siteUrl}. The linked Jira projects will be unlinked from the portfolio automatically, and with them every linked epic.</p>
          <UnlinkedProjectsList projects={deletePreview.unlinkedProjects} />
          {deletePreview.unlinkedEpics.length > 0 ? <UnlinkedEpicsList epics={deletePreview.unlinkedEpics} /> : null}
        </ConfirmDialog>
      ) : null}
      {page.can('linkProjects') && capacity > 0 ? (
        <dialog id="link-projects" class="dialog dialog-wide" aria-labelledby="link-projects-title">
          <div class="dialog-header">
            <h2 id="link-projects-title">Link Jira projects</h2>
            <button type="button" class="button button-icon" data-close-dialog aria-label="Close">
              ⨉
            </button>
          </div>
          <ProjectPicker
            action={`${jira}/link-projects`}
            csrfToken={page.csrfToken}
            submitLabel="Done"
            submitBusy="Linking…"
            cancelHref={`/portfolios/${page.portfolio.id}/settings/integrations`}
            state={{ query: '', selected: [], capacity, limit: connection.projectLimit }}
            results={null}
            portfolioId={page.portfolio.id}
            autoload
            idPrefix="link-projects"
          />
        </dialog>
      ) : null}
    </SettingsFrame>
  )
}
