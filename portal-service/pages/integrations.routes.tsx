// Page routes for Portfolio Settings › Integrations: the card, +Link Projects, ⨉ unlink, and Delete.
import { Hono, type Context } from 'hono'
import { currentFeed, feedView } from '../forge-events/forge-event-subscription.js'
import type { AppEnv } from '../http/app-env.js'
import * as connectionService from '../jira/jira-connection.service.js'
import * as projectService from '../jira/linked-projects.service.js'
import type { UnlinkedEpic } from '../jira/unlinked.js'
import { plural } from '../plural.js'
import { UnlinkedEpicsList, UnlinkedProjectsList } from './components/cascade-list.js'
import { PickerResultsPanel, type PickerResults } from './components/project-picker.js'
import { ConfirmPage } from './confirm-page.js'
import { isFormError, sentenceOf } from './error-sentences.js'
import { redirectWith } from './flash.js'
import { IntegrationsPage } from './integrations-page.js'
import { LinkProjectsPage } from './link-projects-page.js'
import { webhookOrNull } from './webhook.routes.js'
import { jiraConnectionOf, openPortfolio, type PortfolioPage } from './page-context.js'
import { readForm } from './page-forms.js'
import { pickerInput, pickerResults, type PickerInput } from './picker-input.js'

const epicItems = (epics: UnlinkedEpic[]) => epics.map((e) => `${e.key}${e.summary ? ` “${e.summary}”` : ''} from ${e.initiativeName}`)

async function requiredConnection(page: PortfolioPage) {
  const connection = await jiraConnectionOf(page)
  if (!connection) await connectionService.requireConnection(page.deps.db, page.portfolio.id)
  return connection!
}

/** Renders +Link Projects: the whole page, or only the results when search-as-you-type asks. */
async function renderLinkProjects(c: Context<AppEnv>, page: PortfolioPage, input: PickerInput, error: string | null = null) {
  const connection = await requiredConnection(page)
  const capacity = connection.projectLimit - connection.linkedProjects.length
  let results: PickerResults | null = null
  try {
    results = pickerResults(await projectService.availableProjects(page.deps, page.portfolio.id, { query: input.query || undefined, startAt: input.startAt }))
  } catch (failure) {
    if (!isFormError(failure)) throw failure
    error ??= sentenceOf(failure)
  }
  const state = { query: input.query, selected: input.selected, capacity, limit: connection.projectLimit, error }
  if (c.req.query('fragment') === 'results') return c.html(<PickerResultsPanel state={state} results={results} portfolioId={page.portfolio.id} />)
  return c.html(<LinkProjectsPage page={page} connection={connection} state={state} results={results} />)
}

export function createIntegrationPages(): Hono<AppEnv> {
  const router = new Hono<AppEnv>()
  const base = '/portfolios/:portfolioId/settings/integrations'
  const backTo = (page: PortfolioPage) => `/portfolios/${page.portfolio.id}/settings/integrations`

  router.get(base, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'))
    const connection = await jiraConnectionOf(page)
    // The confirmation boxes list what each action would unlink, so they are read up front.
    const deletePreview = connection && page.can('configureJira') ? await connectionService.previewDelete(page.deps.db, page.portfolio.id) : null
    const unlinkPreviews = new Map<string, UnlinkedEpic[]>()
    if (connection && page.can('linkProjects')) {
      for (const project of connection.linkedProjects) {
        unlinkPreviews.set(project.key, (await projectService.previewUnlinkProject(page.deps, page.portfolio.id, project.key)).unlinkedEpics)
      }
    }
    const manager = connection && page.can('configureJira')
    const webhook = manager && connection.mode === 'api_token' ? await webhookOrNull(page) : undefined
    const forgeFeed = manager && connection.mode === 'forge' ? ((await currentFeed(page.deps.db, page.portfolio.id)) ?? null) : undefined
    const now = page.deps.clock.now()
    return c.html(
      <IntegrationsPage page={page} connection={connection} webhook={webhook} forgeFeed={forgeFeed && feedView(forgeFeed, now)} deletePreview={deletePreview} unlinkPreviews={unlinkPreviews} now={now} />,
    )
  })

  router.get(`${base}/jira/link-projects`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'linkProjects')
    return renderLinkProjects(c, page, pickerInput(null))
  })

  router.post(`${base}/jira/link-projects`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'linkProjects')
    const input = pickerInput(await readForm(c))
    if (!input.submitted) return renderLinkProjects(c, page, input)
    if (input.selected.length === 0) {
      c.status(400)
      return renderLinkProjects(c, page, input, 'Select at least one project to link, or Cancel.')
    }
    try {
      const result = await projectService.linkProjects(page.deps, page.actor, page.portfolio.id, input.selected.map((p) => p.key))
      const names = result.linked.map((p) => `${p.name} (${p.key})`)
      return redirectWith(c, backTo(page), {
        kind: 'success',
        text: names.length > 0 ? `Linked ${plural(names.length, 'Jira project')}.` : 'Those projects were already linked.',
        items: names,
      })
    } catch (error) {
      if (!isFormError(error)) throw error
      c.status(error.status)
      return renderLinkProjects(c, page, input, sentenceOf(error))
    }
  })

  router.get(`${base}/jira/projects/:projectKey/unlink`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'linkProjects')
    const connection = await requiredConnection(page)
    const project = connection.linkedProjects.find((p) => p.key === c.req.param('projectKey').toUpperCase())
    if (!project) return redirectWith(c, backTo(page), { kind: 'info', text: `${c.req.param('projectKey')} is not linked to this portfolio.` })
    const { unlinkedEpics } = await projectService.previewUnlinkProject(page.deps, page.portfolio.id, project.key)
    const body = (
      <>
        <p>
          <strong>{project.name}</strong> ({project.key}) will be unlinked from this portfolio. Nothing changes in Jira.
        </p>
        <UnlinkedEpicsList epics={unlinkedEpics} />
      </>
    )
    return c.html(<ConfirmPage page={page} current="settings" crumbs={[{ label: 'Integrations', href: backTo(page) }]} title={`Unlink ${project.name}?`} action={`${backTo(page)}/jira/projects/${project.key}/unlink`} confirmLabel="Unlink" cancelHref={backTo(page)} body={body} />)
  })

  router.post(`${base}/jira/projects/:projectKey/unlink`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'linkProjects')
    const key = c.req.param('projectKey').toUpperCase()
    try {
      const { unlinkedEpics } = await projectService.unlinkProject(page.deps, page.actor, page.portfolio.id, key)
      return redirectWith(c, backTo(page), {
        kind: 'success',
        text: unlinkedEpics.length === 0 ? `Unlinked ${key}.` : `Unlinked ${key}. These epics were unlinked from their initiatives:`,
        items: epicItems(unlinkedEpics),
      })
    } catch (error) {
      if (!isFormError(error) && (error as { code?: string }).code !== 'project_not_linked') throw error
      return redirectWith(c, backTo(page), { kind: 'info', text: sentenceOf(error)! })
    }
  })

  router.get(`${base}/jira/delete`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'configureJira')
    const connection = await requiredConnection(page)
    const preview = await connectionService.previewDelete(page.deps.db, page.portfolio.id)
    const body = (
      <>
        <p>The portfolio will no longer be connected to {connection.siteUrl}. The linked Jira projects will be unlinked from the portfolio automatically, and with them every linked epic.</p>
        <UnlinkedProjectsList projects={preview.unlinkedProjects} />
        {preview.unlinkedEpics.length > 0 ? <UnlinkedEpicsList epics={preview.unlinkedEpics} /> : null}
      </>
    )
    return c.html(<ConfirmPage page={page} current="settings" crumbs={[{ label: 'Integrations', href: backTo(page) }]} title="Delete the Jira configuration?" action={`${backTo(page)}/jira/delete`} confirmLabel="Delete" cancelHref={backTo(page)} body={body} />)
  })

  router.post(`${base}/jira/delete`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'configureJira')
    const result = await connectionService.deleteConnection(page.deps, page.actor, page.portfolio.id)
    return redirectWith(c, backTo(page), {
      kind: 'success',
      text: `Jira configuration deleted. ${plural(result.unlinkedProjects.length, 'project')} and ${plural(result.unlinkedEpics.length, 'epic')} were unlinked.`,
      items: [...result.unlinkedProjects.map((p) => `${p.name} (${p.key})`), ...epicItems(result.unlinkedEpics)],
    })
  })

  return router
}
