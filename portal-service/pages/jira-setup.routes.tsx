// Page routes for the Configure Jira Integration wizard and Edit Configuration (with its site-change confirmation), either mode.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import { CredentialsSchema } from '../http/jira/jira.schemas.js'
import { PROJECT_LIMIT } from '../jira/integration-deps.js'
import { publicOrigin } from '../http/public-origin.js'
import * as forgeService from '../jira/forge-connection.service.js'
import * as connectionService from '../jira/jira-connection.service.js'
import { normalizeSiteOrThrow } from '../jira/verify-credentials.js'
import { plural } from '../plural.js'
import { PickerResultsPanel, type PickerResults } from './components/project-picker.js'
import { isFormError, sentenceOf } from './error-sentences.js'
import { redirectWith } from './flash.js'
import { JiraCredentialsPage } from './jira-credentials-page.js'
import { clearDraft, readDraft, saveDraft, type JiraDraft } from './jira-draft.js'
import { JiraEditPage, JiraSiteChangePage } from './jira-edit-page.js'
import { JiraPrerequisitesPage } from './jira-prerequisites-page.js'
import { JiraProjectsPage } from './jira-projects-page.js'
import { jiraConnectionOf, openPortfolio, type PortfolioPage } from './page-context.js'
import { check, readForm, type FormState } from './page-forms.js'
import { pickerInput, pickerResults, type PickerInput } from './picker-input.js'

// The API's rules for API-token credentials (the seed's wizard); Edit Configuration may leave any out.
const verifySchema = CredentialsSchema
const editSchema = CredentialsSchema.partial()

export const integrationsOf = (page: PortfolioPage) => `/portfolios/${page.portfolio.id}/settings/integrations`
const unlinkedItems = (r: { unlinkedProjects: { key: string; name: string }[]; unlinkedEpics: { key: string; initiativeName: string }[] }) => [
  ...r.unlinkedProjects.map((p) => `${p.name} (${p.key})`),
  ...r.unlinkedEpics.map((e) => `${e.key} from ${e.initiativeName}`),
]

/** The wizard is for portfolios without a connection; with one, Edit Configuration is the way. */
export async function openWizard(c: Context<AppEnv>): Promise<PortfolioPage | Response> {
  const page = await openPortfolio(c, c.req.param('portfolioId')!, 'configureJira')
  if (await jiraConnectionOf(page)) {
    return redirectWith(c, integrationsOf(page), { kind: 'info', text: 'This portfolio is already connected to Jira. Use Edit Configuration to change it.' })
  }
  return page
}

async function renderProjectStep(c: Context<AppEnv>, page: PortfolioPage, draft: JiraDraft, input: PickerInput, error: string | null = null) {
  let results: PickerResults | null = null
  try {
    const search = { query: input.query || undefined, startAt: input.startAt }
    // In Forge mode the picker lists the app's allow-list, asked with a signed ping like the API's verify.
    const found =
      draft.mode === 'forge' && draft.webTriggerUrl && draft.secret
        ? await forgeService.verifyForgeConnection(page.deps, page.portfolio.id, { webTriggerUrl: draft.webTriggerUrl, secret: draft.secret, ...search })
        : await connectionService.verifyConnection(page.deps, page.portfolio.id, { ...draft, ...search })
    results = pickerResults(found)
  } catch (failure) {
    if (!isFormError(failure)) throw failure
    error ??= sentenceOf(failure)
  }
  const state = { query: input.query, selected: input.selected, capacity: PROJECT_LIMIT, limit: PROJECT_LIMIT, error }
  if (c.req.query('fragment') === 'results') return c.html(<PickerResultsPanel state={state} results={results} portfolioId={null} />)
  return c.html(<JiraProjectsPage page={page} draft={draft} state={state} results={results} />)
}

export function createJiraSetupPages(): Hono<AppEnv> {
  const router = new Hono<AppEnv>()
  const jira = '/portfolios/:portfolioId/settings/integrations/jira'

  router.get(`${jira}/setup`, async (c) => {
    const page = await openWizard(c)
    return page instanceof Response ? page : c.html(<JiraPrerequisitesPage page={page} />)
  })

  router.get(`${jira}/setup/credentials`, async (c) => {
    const page = await openWizard(c)
    return page instanceof Response ? page : c.html(<JiraCredentialsPage page={page} />)
  })

  router.post(`${jira}/setup/credentials`, async (c) => {
    const page = await openWizard(c)
    if (page instanceof Response) return page
    const posted = await readForm(c)
    const values = { siteUrl: posted.text('siteUrl'), accountEmail: posted.text('accountEmail') }
    const failed = (status: number, form: FormState) => {
      c.status(status as 400)
      return c.html(<JiraCredentialsPage page={page} form={form} />)
    }
    const checked = check(verifySchema, { ...values, apiToken: posted.text('apiToken') })
    if (!checked.ok) return failed(400, { values, errors: checked.errors })
    try {
      const verified = await connectionService.verifyConnection(page.deps, page.portfolio.id, checked.data)
      saveDraft(c, page.portfolio.id, { purpose: 'setup', siteUrl: verified.siteUrl, accountEmail: checked.data.accountEmail, apiToken: checked.data.apiToken, accountName: verified.account.displayName })
      return c.redirect(`${integrationsOf(page)}/jira/setup/projects`, 303)
    } catch (error) {
      if (!isFormError(error)) throw error
      return failed(error.status, { values, errors: {}, message: sentenceOf(error)! })
    }
  })

  router.get(`${jira}/setup/projects`, async (c) => {
    const page = await openWizard(c)
    if (page instanceof Response) return page
    const draft = readDraft(c, page.portfolio.id, 'setup')
    if (!draft) return redirectWith(c, `${integrationsOf(page)}/jira/setup/credentials`, { kind: 'info', text: 'Enter the Jira credentials again: they are kept for 30 minutes only.' })
    return renderProjectStep(c, page, draft, pickerInput(null))
  })

  router.post(`${jira}/setup/projects`, async (c) => {
    const page = await openWizard(c)
    if (page instanceof Response) return page
    const draft = readDraft(c, page.portfolio.id, 'setup')
    if (!draft) return redirectWith(c, `${integrationsOf(page)}/jira/setup/credentials`, { kind: 'info', text: 'Enter the Jira credentials again: they are kept for 30 minutes only.' })
    const input = pickerInput(await readForm(c))
    if (!input.submitted) return renderProjectStep(c, page, draft, input)
    try {
      const projectKeys = input.selected.map((p) => p.key)
      const saved =
        draft.mode === 'forge' && draft.webTriggerUrl && draft.secret
          ? await forgeService.configureForgeConnection(page.deps, page.actor, page.portfolio.id, { webTriggerUrl: draft.webTriggerUrl, secret: draft.secret, projectKeys, eventsOrigin: publicOrigin(c) })
          : await connectionService.configureConnection(page.deps, page.actor, page.portfolio.id, { ...draft, projectKeys })
      clearDraft(c, page.portfolio.id)
      return redirectWith(c, integrationsOf(page), {
        kind: 'success',
        text: `Jira integration configured. ${plural(saved.linkedProjects.length, 'project')} linked; their progress is being read now.`,
        items: saved.linkedProjects.map((p) => `${p.name} (${p.key})`),
      })
    } catch (error) {
      if (!isFormError(error)) throw error
      c.status(error.status)
      return renderProjectStep(c, page, draft, input, sentenceOf(error))
    }
  })

  router.get(`${jira}/edit`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'configureJira')
    const connection = await jiraConnectionOf(page)
    if (!connection) return c.redirect(`${integrationsOf(page)}/jira/setup`, 303)
    const mode = c.req.query('mode')
    return c.html(<JiraEditPage page={page} connection={connection} mode={mode === 'forge' || mode === 'api_token' ? mode : undefined} />)
  })

  router.post(`${jira}/edit`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'configureJira')
    const connection = await jiraConnectionOf(page)
    if (!connection) return c.redirect(`${integrationsOf(page)}/jira/setup`, 303)
    const posted = await readForm(c)
    const values = { siteUrl: posted.text('siteUrl'), accountEmail: posted.text('accountEmail') }
    const token = posted.text('apiToken').trim()
    const failed = (status: number, form: FormState) => {
      c.status(status as 400)
      return c.html(<JiraEditPage page={page} connection={connection} mode="api_token" form={form} />)
    }
    const checked = check(editSchema, { ...values, ...(token ? { apiToken: token } : {}) })
    if (!checked.ok) return failed(400, { values, errors: checked.errors })
    const { siteUrl, accountEmail, apiToken } = checked.data
    try {
      const site = normalizeSiteOrThrow(siteUrl ?? connection.siteUrl, page.deps.jira.allowInsecure)
      if (site !== connection.siteUrl) {
        // A new site deletes the configuration: check the new credentials first, then ask to confirm.
        if (!apiToken) await connectionService.editConnection(page.deps, page.actor, page.portfolio.id, { siteUrl: site, accountEmail })
        const verified = await connectionService.verifyConnection(page.deps, page.portfolio.id, { siteUrl: site, accountEmail: accountEmail ?? '', apiToken: apiToken ?? '' })
        saveDraft(c, page.portfolio.id, { purpose: 'site_change', siteUrl: verified.siteUrl, accountEmail: accountEmail ?? '', apiToken: apiToken ?? '', accountName: verified.account.displayName })
        return c.redirect(`${integrationsOf(page)}/jira/edit/confirm-site`, 303)
      }
      await connectionService.editConnection(page.deps, page.actor, page.portfolio.id, {
        accountEmail: accountEmail !== connection.accountEmail ? accountEmail : undefined,
        apiToken: apiToken || undefined,
      })
      return redirectWith(c, integrationsOf(page), { kind: 'success', text: 'Configuration saved: Jira accepted the credentials. The figures are being read again.' })
    } catch (error) {
      if (!isFormError(error)) throw error
      return failed(error.status, { values, errors: {}, message: sentenceOf(error, { validation_failed: 'Nothing changed: enter a new API token, a different account, or both.' })! })
    }
  })

  router.get(`${jira}/edit/confirm-site`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'configureJira')
    const connection = await jiraConnectionOf(page)
    const draft = readDraft(c, page.portfolio.id, 'site_change')
    if (!connection || !draft) return c.redirect(`${integrationsOf(page)}/jira/edit`, 303)
    const preview = await connectionService.previewDelete(page.deps.db, page.portfolio.id)
    return c.html(<JiraSiteChangePage page={page} connection={connection} draft={draft} preview={preview} />)
  })

  router.post(`${jira}/edit/confirm-site`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'configureJira')
    const draft = readDraft(c, page.portfolio.id, 'site_change')
    if (!draft) return redirectWith(c, `${integrationsOf(page)}/jira/edit`, { kind: 'info', text: 'Enter the new site’s credentials again: they are kept for 30 minutes only.' })
    try {
      const result =
        draft.mode === 'forge' && draft.webTriggerUrl && draft.secret
          ? await forgeService.editForgeConnection(page.deps, page.actor, page.portfolio.id, { webTriggerUrl: draft.webTriggerUrl, secret: draft.secret, confirmSiteChange: true, eventsOrigin: publicOrigin(c) })
          : await connectionService.editConnection(page.deps, page.actor, page.portfolio.id, { ...draft, confirmSiteChange: true })
      clearDraft(c, page.portfolio.id)
      return redirectWith(c, integrationsOf(page), {
        kind: 'success',
        text: `Now connected to ${result.siteUrl}. ${plural(result.unlinkedProjects.length, 'project')} and ${plural(result.unlinkedEpics.length, 'epic')} were unlinked; link the new site’s projects with +Link Projects.`,
        items: unlinkedItems(result),
      })
    } catch (error) {
      if (!isFormError(error)) throw error
      return redirectWith(c, `${integrationsOf(page)}/jira/edit`, { kind: 'error', text: sentenceOf(error)! })
    }
  })

  return router
}
