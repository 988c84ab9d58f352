// Page routes for connecting through the Forge app: the wizard's Forge step, Edit Configuration's Forge form, and asking the app for events.
import { Hono } from 'hono'
import { subscribeForgeEvents } from '../forge-events/forge-event-subscription.js'
import type { AppEnv } from '../http/app-env.js'
import { ForgeCredentialsSchema } from '../http/jira/jira.schemas.js'
import { publicOrigin } from '../http/public-origin.js'
import * as forgeService from '../jira/forge-connection.service.js'
import { isFormError, sentenceOf } from './error-sentences.js'
import { redirectWith } from './flash.js'
import { JiraForgeCredentialsPage } from './jira-forge-credentials-page.js'
import { saveDraft } from './jira-draft.js'
import { JiraEditPage } from './jira-edit-page.js'
import { integrationsOf, openWizard } from './jira-setup.routes.js'
import { jiraConnectionOf, openPortfolio } from './page-context.js'
import { check, readForm, type FormState } from './page-forms.js'

// The API's rules for the Forge app's credentials; Edit Configuration may leave the secret out.
const forgeSchema = ForgeCredentialsSchema.omit({ mode: true })
const forgeEditSchema = forgeSchema.partial({ secret: true })

export function createForgeSetupPages(): Hono<AppEnv> {
  const router = new Hono<AppEnv>()
  const jira = '/portfolios/:portfolioId/settings/integrations/jira'

  router.get(`${jira}/setup/forge`, async (c) => {
    const page = await openWizard(c)
    return page instanceof Response ? page : c.html(<JiraForgeCredentialsPage page={page} />)
  })

  router.post(`${jira}/setup/forge`, async (c) => {
    const page = await openWizard(c)
    if (page instanceof Response) return page
    const posted = await readForm(c)
    const values = { webTriggerUrl: posted.text('webTriggerUrl') }
    const failed = (status: number, form: FormState) => {
      c.status(status as 400)
      return c.html(<JiraForgeCredentialsPage page={page} form={form} />)
    }
    const checked = check(forgeSchema, { ...values, secret: posted.text('secret') })
    if (!checked.ok) return failed(400, { values, errors: checked.errors })
    try {
      const verified = await forgeService.verifyForgeConnection(page.deps, page.portfolio.id, checked.data)
      saveDraft(c, page.portfolio.id, {
        purpose: 'setup',
        mode: 'forge',
        siteUrl: verified.siteUrl,
        accountEmail: '',
        apiToken: '',
        accountName: verified.account.displayName,
        webTriggerUrl: verified.webTriggerUrl,
        secret: checked.data.secret,
      })
      return c.redirect(`${integrationsOf(page)}/jira/setup/projects`, 303)
    } catch (error) {
      if (!isFormError(error)) throw error
      return failed(error.status, { values, errors: {}, message: sentenceOf(error)! })
    }
  })

  router.post(`${jira}/edit/forge`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'configureJira')
    const connection = await jiraConnectionOf(page)
    if (!connection) return c.redirect(`${integrationsOf(page)}/jira/setup`, 303)
    const posted = await readForm(c)
    const values = { webTriggerUrl: posted.text('webTriggerUrl') }
    const secret = posted.text('secret').trim()
    const failed = (status: number, form: FormState) => {
      c.status(status as 400)
      return c.html(<JiraEditPage page={page} connection={connection} mode="forge" form={form} />)
    }
    const checked = check(forgeEditSchema, { ...values, ...(secret ? { secret } : {}) })
    if (!checked.ok) return failed(400, { values, errors: checked.errors })
    const { webTriggerUrl } = checked.data
    const unchangedUrl = connection.mode === 'forge' && webTriggerUrl === connection.webTriggerUrl
    try {
      if (connection.mode !== 'forge' && !checked.data.secret) {
        return failed(422, { values, errors: { secret: 'This field is required.' }, message: 'Reading Jira through the Forge app needs its web trigger URL and its secret.' })
      }
      // A trigger on another site deletes the configuration: check it first, then ask to confirm.
      if (checked.data.secret) {
        const verified = await forgeService.verifyForgeConnection(page.deps, page.portfolio.id, { webTriggerUrl, secret: checked.data.secret })
        if (verified.siteUrl !== connection.siteUrl) {
          saveDraft(c, page.portfolio.id, { purpose: 'site_change', mode: 'forge', siteUrl: verified.siteUrl, accountEmail: '', apiToken: '', accountName: verified.account.displayName, webTriggerUrl: verified.webTriggerUrl, secret: checked.data.secret })
          return c.redirect(`${integrationsOf(page)}/jira/edit/confirm-site`, 303)
        }
      }
      await forgeService.editForgeConnection(page.deps, page.actor, page.portfolio.id, {
        webTriggerUrl: unchangedUrl ? undefined : webTriggerUrl,
        secret: checked.data.secret,
        eventsOrigin: publicOrigin(c),
      })
      return redirectWith(c, integrationsOf(page), { kind: 'success', text: 'Configuration saved: the Forge app accepted it. The figures are being read again.' })
    } catch (error) {
      if (!isFormError(error)) throw error
      return failed(error.status, { values, errors: {}, message: sentenceOf(error, { validation_failed: 'Nothing changed: paste a new secret, a new web trigger URL, or both.' })! })
    }
  })

  router.post(`${jira}/forge-events`, async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'), 'configureJira')
    try {
      const feed = await subscribeForgeEvents(page.deps, page.actor, page.portfolio.id, publicOrigin(c))
      return redirectWith(c, integrationsOf(page), { kind: 'success', text: `The Forge app forwards Jira events to ${feed.eventsUrl} from now on.` })
    } catch (error) {
      const text = sentenceOf(error, {
        forge_app_not_understood: 'The Forge app did not accept the request: it may be a version that cannot forward events yet. Ask a Jira administrator to update it. Figures still come from the schedule.',
      })
      if (text === null) throw error
      return redirectWith(c, integrationsOf(page), { kind: 'error', text })
    }
  })

  return router
}
