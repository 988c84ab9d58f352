// Page routes for the portfolio list, the landscape, and "Refresh from Jira".
import { Hono, type Context } from 'hono'
import * as companyRepository from '../companies/company.repository.js'
import * as epicsService from '../epics/epics.service.js'
import { portfolioAttention } from '../history/attention.service.js'
import type { AppEnv } from '../http/app-env.js'
import * as portfolioRoutes from '../http/portfolios/portfolios.routes.js'
import * as initiativeService from '../initiatives/initiative.service.js'
import { requireConnection } from '../jira/jira-connection.service.js'
import * as membershipService from '../memberships/membership.service.js'
import { canCreatePortfolio } from '../policy/policy.js'
import * as portfolioService from '../portfolios/portfolio.service.js'
import { forbidden } from '../http/errors.js'
import { isFormError, sentenceOf } from './error-sentences.js'
import { redirectWith, type Flash } from './flash.js'
import { LandscapePage } from './landscape-page.js'
import { loadTrends } from './landscape-trends.js'
import { jiraConnectionOf, openPortfolio, pageSession, safeReturnPath } from './page-context.js'
import { bodySchemaOf, check, readForm, type FormState } from './page-forms.js'
import { PortfolioListPage } from './portfolio-list-page.js'

const createPortfolioSchema = bodySchemaOf(portfolioRoutes.createPortfolio)

/** A person waits this long for "Refresh from Jira"; a longer sync finishes in the background. */
const REFRESH_WAIT_MS = 20_000

export function createPortfolioPages(): Hono<AppEnv> {
  const router = new Hono<AppEnv>()

  const renderList = async (c: Context<AppEnv>, form?: FormState) => {
    const session = pageSession(c)
    const { db } = c.get('deps')
    const [portfolios, company] = await Promise.all([
      portfolioService.listMyPortfolios(db, session.actor),
      companyRepository.findCompanyById(db, session.actor.companyId),
    ])
    return c.html(<PortfolioListPage session={session} portfolios={portfolios} companyName={company?.name ?? 'your company'} form={form} />)
  }

  router.get('/portfolios', (c) => renderList(c))

  router.post('/portfolios', async (c) => {
    const { actor } = pageSession(c)
    const posted = await readForm(c)
    const values = { name: posted.text('name'), description: posted.text('description') }
    if (!canCreatePortfolio(actor, actor.companyId)) throw forbidden()
    const checked = check(createPortfolioSchema, { ...values, companyId: actor.companyId })
    if (!checked.ok) {
      c.status(400)
      return renderList(c, { values, errors: checked.errors })
    }
    const { db, clock } = c.get('deps')
    try {
      const portfolio = await portfolioService.createPortfolio(db, clock, actor, checked.data)
      return redirectWith(c, `/portfolios/${portfolio.id}`, { kind: 'success', text: `Portfolio “${portfolio.name}” created. You are its manager.` })
    } catch (error) {
      if (!isFormError(error)) throw error
      c.status(error.status)
      return renderList(c, { values, errors: {}, message: sentenceOf(error)! })
    }
  })

  router.get('/portfolios/:portfolioId', async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'))
    const { db } = page.deps
    const now = page.deps.clock.now()
    const [initiatives, progress, members, connection, attention] = await Promise.all([
      initiativeService.listInitiatives(db, page.portfolio.id),
      epicsService.portfolioProgress(db, page.portfolio.id),
      membershipService.listMembers(db, page.row),
      jiraConnectionOf(page),
      portfolioAttention(db, page.row, now),
    ])
    const trends = await loadTrends(db, page.portfolio.id, progress, now)
    return c.html(<LandscapePage page={page} initiatives={initiatives} progress={progress} members={members} connection={connection} now={now} attention={attention} trends={trends} />)
  })

  // "Refresh from Jira": the same sync the API's POST …/jira/sync starts, waited for while it is quick.
  router.post('/portfolios/:portfolioId/jira/sync', async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'linkEpics')
    const posted = await readForm(c)
    const back = safeReturnPath(posted.text('returnTo'), `/portfolios/${page.portfolio.id}`)
    await requireConnection(page.deps.db, page.portfolio.id)
    const sync = page.deps.sync.syncPortfolio(page.portfolio.id, { trigger: 'manual' })
    let timer: ReturnType<typeof setTimeout> | undefined
    const waited = await Promise.race([sync, new Promise<'waiting'>((resolve) => (timer = setTimeout(() => resolve('waiting'), REFRESH_WAIT_MS)))])
    clearTimeout(timer)
    let flash: Flash
    if (waited === 'waiting') {
      flash = { kind: 'info', text: 'Still refreshing from Jira in the background. Reload in a moment to see the new figures.' }
    } else if (waited.status === 'skipped') {
      flash = waited.reason === 'locked'
        ? { kind: 'info', text: 'A refresh is already under way; the figures will update in a moment.' }
        : { kind: 'info', text: 'Nothing to refresh yet.' }
    } else if (waited.outcome === 'ok') {
      flash = { kind: 'success', text: 'Refreshed from Jira: the figures are current.' }
    } else {
      const health = (await jiraConnectionOf(page))?.health.message ?? 'try again later.'
      const kept = health.includes('last ones read') ? '' : ' The last known figures are shown, marked stale.'
      flash = { kind: 'error', text: `Jira could not be read: ${health}${kept}` }
    }
    return redirectWith(c, back, flash)
  })

  return router
}
