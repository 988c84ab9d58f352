// Page routes for Portfolio Settings › General and › Members.
import { Hono, type Context } from 'hono'
import * as companyService from '../companies/company.service.js'
import type { AppEnv } from '../http/app-env.js'
import * as memberRoutes from '../http/members/members.routes.js'
import * as portfolioRoutes from '../http/portfolios/portfolios.routes.js'
import * as membershipService from '../memberships/membership.service.js'
import * as portfolioService from '../portfolios/portfolio.service.js'
import * as userService from '../users/user.service.js'
import { ConfirmPage } from './confirm-page.js'
import { isFormError, sentenceOf } from './error-sentences.js'
import { redirectWith } from './flash.js'
import { GeneralSettingsPage } from './general-settings-page.js'
import { MembersPage } from './members-page.js'
import { openPortfolio, type PortfolioPage } from './page-context.js'
import { bodySchemaOf, check, readForm, type FormState } from './page-forms.js'

const updatePortfolioSchema = bodySchemaOf(portfolioRoutes.updatePortfolio)
const addMemberSchema = bodySchemaOf(memberRoutes.addMember)
const changeRoleSchema = bodySchemaOf(memberRoutes.changeRole)

async function renderMembers(c: Context<AppEnv>, page: PortfolioPage, form?: FormState, formFor?: 'company' | 'email') {
  const { db } = page.deps
  const [members, companyUsers, companies] = await Promise.all([
    membershipService.listMembers(db, page.row),
    userService.listVisibleUsers(db, page.actor, { companyId: page.portfolio.companyId }),
    companyService.listCompanies(db),
  ])
  const memberIds = new Set(members.map((m) => m.userId))
  const candidates = companyUsers.filter((u) => !memberIds.has(u.id) && u.companyId === page.portfolio.companyId)
  const companyNames = new Map(companies.map((company) => [company.id, company.name]))
  return c.html(<MembersPage page={page} members={members} candidates={candidates} companyNames={companyNames} form={form} formFor={formFor} />)
}

export function createSettingsPages(): Hono<AppEnv> {
  const router = new Hono<AppEnv>()
  const base = '/portfolios/:portfolioId/settings'

  router.get(base, (c) => c.redirect(`/portfolios/${c.req.param('portfolioId')}/settings/general`, 303))

  router.get(`${base}/general`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'))
    return c.html(<GeneralSettingsPage page={page} />)
  })

  router.post(`${base}/general`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'managePortfolio')
    const posted = await readForm(c)
    const values = { name: posted.text('name'), description: posted.text('description'), stages: posted.text('stages') }
    const stages = values.stages.split(/\r?\n/).map((s) => s.trim()).filter(Boolean)
    const checked = check(updatePortfolioSchema, { name: values.name, description: values.description, stages })
    if (!checked.ok) {
      c.status(400)
      return c.html(<GeneralSettingsPage page={page} form={{ values, errors: checked.errors }} />)
    }
    try {
      await portfolioService.updatePortfolio(page.deps.db, page.deps.clock, page.actor, page.portfolio.id, checked.data)
    } catch (error) {
      if (!isFormError(error)) throw error
      c.status(error.status)
      return c.html(<GeneralSettingsPage page={page} form={{ values, errors: error.code === 'stage_in_use' ? { stages: sentenceOf(error)! } : {}, message: sentenceOf(error)! }} />)
    }
    return redirectWith(c, `/portfolios/${page.portfolio.id}/settings/general`, { kind: 'success', text: 'Settings saved.' })
  })

  router.get(`${base}/general/delete`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'managePortfolio')
    const back = `/portfolios/${page.portfolio.id}/settings/general`
    return c.html(<ConfirmPage page={page} current="settings" title={`Delete ${page.portfolio.name}?`} action={`${back}/delete`} confirmLabel="Delete portfolio" cancelHref={back} body={<p>The portfolio, its initiatives and their epic links are deleted for every member. This cannot be undone.</p>} />)
  })

  router.post(`${base}/general/delete`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'managePortfolio')
    await portfolioService.deletePortfolio(page.deps.db, page.deps.clock, page.actor, page.portfolio.id)
    return redirectWith(c, '/portfolios', { kind: 'success', text: `Portfolio “${page.portfolio.name}” deleted.` })
  })

  router.get(`${base}/members`, async (c) => renderMembers(c, await openPortfolio(c, c.req.param('portfolioId'))))

  router.post(`${base}/members`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'managePortfolio')
    const posted = await readForm(c)
    const byEmail = posted.has('email')
    const formFor = byEmail ? 'email' : 'company'
    const values = { email: posted.text('email'), userId: posted.text('userId'), role: posted.text('role') }
    let userId = values.userId
    if (byEmail) {
      // Another company's user is found by exact email only, as the API's user search allows.
      const [found] = await userService.listVisibleUsers(page.deps.db, page.actor, { email: values.email })
      if (!found) {
        c.status(422)
        const message = 'No Portfolio Bridge user has that email. Check it, or ask a site admin to create the account.'
        return renderMembers(c, page, { values, errors: { email: message }, message }, formFor)
      }
      userId = found.id
    }
    const checked = check(addMemberSchema, { userId, role: values.role })
    if (!checked.ok) {
      c.status(400)
      return renderMembers(c, page, { values, errors: checked.errors }, formFor)
    }
    try {
      const member = await membershipService.addMember(page.deps.db, page.deps.clock, page.actor, page.portfolio.id, checked.data)
      const note = member.external ? ' As an external member they see the portfolio but change nothing.' : ''
      return redirectWith(c, `/portfolios/${page.portfolio.id}/settings/members`, { kind: 'success', text: `${member.name} added as ${member.role}.${note}` })
    } catch (error) {
      if (!isFormError(error)) throw error
      c.status(error.status)
      return renderMembers(c, page, { values, errors: {}, message: sentenceOf(error)! }, formFor)
    }
  })

  router.post(`${base}/members/:userId/role`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'managePortfolio')
    const back = `/portfolios/${page.portfolio.id}/settings/members`
    const checked = check(changeRoleSchema, { role: (await readForm(c)).text('role') })
    if (!checked.ok) return redirectWith(c, back, { kind: 'error', text: 'Choose one of the roles.' })
    try {
      const member = await membershipService.changeRole(page.deps.db, page.deps.clock, page.actor, page.portfolio.id, c.req.param('userId'), checked.data.role)
      return redirectWith(c, back, { kind: 'success', text: `${member.name} is now ${member.role}.` })
    } catch (error) {
      if (!isFormError(error)) throw error
      return redirectWith(c, back, { kind: 'error', text: sentenceOf(error)! })
    }
  })

  router.get(`${base}/members/:userId/remove`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'managePortfolio')
    const back = `/portfolios/${page.portfolio.id}/settings/members`
    const member = (await membershipService.listMembers(page.deps.db, page.row)).find((m) => m.userId === c.req.param('userId'))
    if (!member) return redirectWith(c, back, { kind: 'info', text: 'That person is not a member.' })
    return c.html(<ConfirmPage page={page} current="settings" title={`Remove ${member.name}?`} action={`${back}/${member.userId}/remove`} confirmLabel="Remove" cancelHref={back} body={<p>{member.name} will no longer see this portfolio. Initiatives they own will have no owner.</p>} />)
  })

  router.post(`${base}/members/:userId/remove`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'managePortfolio')
    const back = `/portfolios/${page.portfolio.id}/settings/members`
    try {
      await membershipService.removeMember(page.deps.db, page.deps.clock, page.actor, page.portfolio.id, c.req.param('userId'))
      return redirectWith(c, back, { kind: 'success', text: 'Member removed.' })
    } catch (error) {
      if (!isFormError(error)) throw error
      return redirectWith(c, back, { kind: 'error', text: sentenceOf(error)! })
    }
  })

  return router
}
