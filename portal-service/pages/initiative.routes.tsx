// Page routes for initiatives: create, view with linked epics, edit, delete, link and unlink epics.
import { Hono, type Context } from 'hono'
import * as epicsService from '../epics/epics.service.js'
import type { AppEnv } from '../http/app-env.js'
import * as initiativeRoutes from '../http/initiatives/initiatives.routes.js'
import * as initiativeService from '../initiatives/initiative.service.js'
import * as membershipService from '../memberships/membership.service.js'
import { UnlinkEpicWarning } from './components/epic-row.js'
import { EpicSearchResults, type EpicSearchState } from './components/epic-search.js'
import { ConfirmPage } from './confirm-page.js'
import { isFormError, sentenceOf } from './error-sentences.js'
import { redirectWith } from './flash.js'
import { InitiativePage } from './initiative-page.js'
import { loadTrend } from './initiative-trend.js'
import { LinkEpicPage } from './link-epic-page.js'
import { NewInitiativePage } from './new-initiative-page.js'
import { jiraConnectionOf, openPortfolio, type PortfolioPage } from './page-context.js'
import { bodySchemaOf, check, orNull, readForm, type FormState, type PostedForm } from './page-forms.js'

const createSchema = bodySchemaOf(initiativeRoutes.createInitiative)
const updateSchema = bodySchemaOf(initiativeRoutes.updateInitiative)
const FIELDS = ['name', 'description', 'stage', 'status', 'ownerId', 'startDate', 'targetDate'] as const

// Form fields as the API body: blank owner and dates mean "none".
function initiativeInput(posted: PostedForm) {
  return {
    name: posted.text('name'),
    description: posted.text('description'),
    stage: posted.text('stage'),
    status: posted.text('status'),
    ownerId: orNull(posted.text('ownerId')),
    startDate: orNull(posted.text('startDate')),
    targetDate: orNull(posted.text('targetDate')),
  }
}

const valuesOf = (posted: PostedForm) => Object.fromEntries(FIELDS.map((f) => [f, posted.text(f)]))

async function renderInitiative(c: Context<AppEnv>, page: PortfolioPage, initiativeId: string, form?: FormState) {
  const { db } = page.deps
  const initiative = await initiativeService.getInitiative(db, page.portfolio.id, initiativeId)
  const now = page.deps.clock.now()
  const [{ epics, progress }, members, connection, trend] = await Promise.all([
    epicsService.initiativeEpics(db, page.portfolio.id, initiative.id),
    membershipService.listMembers(db, page.row),
    jiraConnectionOf(page),
    loadTrend(db, page.portfolio.id, initiative.id, { basis: c.req.query('basis'), since: c.req.query('since') }, now),
  ])
  return c.html(<InitiativePage page={page} initiative={initiative} epics={epics} progress={progress} members={members} connection={connection} now={now} trend={trend} form={form} />)
}

function searchOf(c: Context<AppEnv>): EpicSearchState {
  return { project: c.req.query('project') ?? '', query: (c.req.query('q') ?? '').slice(0, 200), cursor: c.req.query('cursor') ?? '' }
}

async function findEpics(page: PortfolioPage, search: EpicSearchState) {
  try {
    const found = await epicsService.searchEpics(page.deps, page.portfolio.id, {
      projectKey: search.project || undefined,
      query: search.query || undefined,
      cursor: search.cursor || undefined,
    })
    return { ...found, error: null }
  } catch (error) {
    if (!isFormError(error)) throw error
    return { epics: [], nextCursor: null, error: sentenceOf(error) }
  }
}

export function createInitiativePages(): Hono<AppEnv> {
  const router = new Hono<AppEnv>()
  const base = '/portfolios/:portfolioId/initiatives'

  router.get(`${base}/new`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'editInitiatives')
    return c.html(<NewInitiativePage page={page} members={await membershipService.listMembers(page.deps.db, page.row)} />)
  })

  router.post(base, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'editInitiatives')
    const posted = await readForm(c)
    const failed = async (status: 400 | 409 | 422, form: FormState) => {
      c.status(status)
      return c.html(<NewInitiativePage page={page} members={await membershipService.listMembers(page.deps.db, page.row)} form={form} />)
    }
    const checked = check(createSchema, initiativeInput(posted))
    if (!checked.ok) return failed(400, { values: valuesOf(posted), errors: checked.errors })
    try {
      const created = await initiativeService.createInitiative(page.deps.db, page.deps.clock, page.actor, page.portfolio.id, checked.data)
      return redirectWith(c, `/portfolios/${page.portfolio.id}/initiatives/${created.id}`, { kind: 'success', text: `Initiative “${created.name}” created.` })
    } catch (error) {
      if (!isFormError(error)) throw error
      const field = (error.details as { field?: string } | null)?.field ?? (error.code === 'invalid_dates' ? 'targetDate' : undefined)
      return failed(error.status as 400 | 409 | 422, { values: valuesOf(posted), errors: field ? { [field]: sentenceOf(error)! } : {}, message: sentenceOf(error)! })
    }
  })

  router.get(`${base}/:initiativeId`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'))
    return renderInitiative(c, page, c.req.param('initiativeId'))
  })

  router.post(`${base}/:initiativeId`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'editInitiatives')
    const initiativeId = c.req.param('initiativeId')
    const posted = await readForm(c)
    const checked = check(updateSchema, { ...initiativeInput(posted), version: Number(posted.text('version')) || undefined })
    if (!checked.ok) {
      c.status(400)
      return renderInitiative(c, page, initiativeId, { values: valuesOf(posted), errors: checked.errors })
    }
    try {
      const saved = await initiativeService.updateInitiative(page.deps.db, page.deps.clock, page.actor, page.portfolio.id, initiativeId, checked.data)
      return redirectWith(c, `/portfolios/${page.portfolio.id}/initiatives/${saved.id}`, { kind: 'success', text: 'Changes saved.' })
    } catch (error) {
      if (!isFormError(error)) throw error
      c.status(error.status)
      // After an edit conflict the form shows the current version, not what was typed over it.
      const values = error.code === 'edit_conflict' ? {} : valuesOf(posted)
      const field = (error.details as { field?: string } | null)?.field ?? (error.code === 'invalid_dates' ? 'targetDate' : undefined)
      return renderInitiative(c, page, initiativeId, { values, errors: field ? { [field]: sentenceOf(error)! } : {}, message: sentenceOf(error)! })
    }
  })

  router.get(`${base}/:initiativeId/delete`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'editInitiatives')
    const initiative = await initiativeService.getInitiative(page.deps.db, page.portfolio.id, c.req.param('initiativeId'))
    const path = `/portfolios/${page.portfolio.id}/initiatives/${initiative.id}`
    return c.html(
      <ConfirmPage page={page} current="landscape" crumbs={[{ label: initiative.name, href: path }]} title={`Delete ${initiative.name}?`} action={`${path}/delete`} confirmLabel="Delete" cancelHref={path} body={<p>The initiative and its epic links will be removed. Nothing changes in Jira.</p>} />,
    )
  })

  router.post(`${base}/:initiativeId/delete`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'editInitiatives')
    const initiative = await initiativeService.getInitiative(page.deps.db, page.portfolio.id, c.req.param('initiativeId'))
    await initiativeService.deleteInitiative(page.deps.db, page.deps.clock, page.actor, page.portfolio.id, initiative.id)
    return redirectWith(c, `/portfolios/${page.portfolio.id}`, { kind: 'success', text: `Initiative “${initiative.name}” deleted.` })
  })

  router.get(`${base}/:initiativeId/link-epic`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'linkEpics')
    const initiative = await initiativeService.getInitiative(page.deps.db, page.portfolio.id, c.req.param('initiativeId'))
    const connection = await jiraConnectionOf(page)
    const projects = (connection?.linkedProjects ?? []).filter((p) => p.state === 'ok')
    const search = searchOf(c)
    const searched = c.req.query('q') !== undefined || c.req.query('project') !== undefined
    const results = connection && projects.length > 0 && searched ? await findEpics(page, search) : null
    return c.html(<LinkEpicPage page={page} initiative={initiative} projects={projects} search={search} results={results} />)
  })

  // Search-as-you-type in the "Link epic" dialog: the results alone, rendered like the page's.
  router.get(`${base}/:initiativeId/link-epic/results`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'linkEpics')
    const initiative = await epicsService.requireInitiative(page.deps.db, page.portfolio.id, c.req.param('initiativeId'))
    const search = searchOf(c)
    const found = await findEpics(page, search)
    const path = `/portfolios/${page.portfolio.id}/initiatives/${initiative.id}`
    return c.html(<EpicSearchResults initiativeId={initiative.id} initiativePath={path} epics={found.epics} nextCursor={found.nextCursor} search={search} csrfToken={page.csrfToken} error={found.error} />)
  })

  router.post(`${base}/:initiativeId/epics`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'linkEpics')
    const initiativeId = c.req.param('initiativeId')
    const path = `/portfolios/${page.portfolio.id}/initiatives/${initiativeId}`
    const epicKey = (await readForm(c)).text('epicKey').trim()
    if (!epicKey) return redirectWith(c, `${path}/link-epic`, { kind: 'error', text: 'Choose an epic to link.' })
    try {
      const epic = await epicsService.linkEpic(page.deps, page.actor, page.portfolio.id, initiativeId, epicKey)
      return redirectWith(c, path, { kind: 'success', text: `Linked ${epic.key}${epic.summary ? ` “${epic.summary}”` : ''}. Its progress now counts in this initiative.` })
    } catch (error) {
      if (!isFormError(error)) throw error
      return redirectWith(c, path, { kind: 'error', text: sentenceOf(error)! })
    }
  })

  router.get(`${base}/:initiativeId/epics/:epicKey/unlink`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'linkEpics')
    const initiative = await initiativeService.getInitiative(page.deps.db, page.portfolio.id, c.req.param('initiativeId'))
    const { epics } = await epicsService.initiativeEpics(page.deps.db, page.portfolio.id, initiative.id)
    const wanted = c.req.param('epicKey').toUpperCase()
    const epic = epics.find((e) => e.key === wanted || e.id === wanted)
    const path = `/portfolios/${page.portfolio.id}/initiatives/${initiative.id}`
    if (!epic) return redirectWith(c, path, { kind: 'info', text: `${wanted} is not linked to this initiative.` })
    return c.html(
      <ConfirmPage page={page} current="landscape" crumbs={[{ label: initiative.name, href: path }]} title={`Unlink ${epic.key}?`} action={`${path}/epics/${encodeURIComponent(epic.key)}/unlink`} confirmLabel="Unlink" cancelHref={path} body={<UnlinkEpicWarning epic={epic} initiativeName={initiative.name} />} />,
    )
  })

  router.post(`${base}/:initiativeId/epics/:epicKey/unlink`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'linkEpics')
    const initiativeId = c.req.param('initiativeId')
    const path = `/portfolios/${page.portfolio.id}/initiatives/${initiativeId}`
    try {
      const { unlinked } = await epicsService.unlinkEpic(page.deps, page.actor, page.portfolio.id, initiativeId, c.req.param('epicKey'))
      return redirectWith(c, path, { kind: 'success', text: `Unlinked ${unlinked.key} from this initiative. Nothing changed in Jira.` })
    } catch (error) {
      if (!isFormError(error) && (error as { code?: string }).code !== 'epic_not_linked') throw error
      return redirectWith(c, path, { kind: 'info', text: sentenceOf(error)! })
    }
  })

  return router
}
