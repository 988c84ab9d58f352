// Page routes for Integrations › Jira webhook: show, create or rotate (secret shown once, after the redirect), delete.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import { publicOrigin } from '../http/public-origin.js'
import * as webhookService from '../webhooks/webhook.service.js'
import { setupInstructions } from '../webhooks/webhook-setup.js'
import { ConfirmPage } from './confirm-page.js'
import { isFormError, sentenceOf } from './error-sentences.js'
import { redirectWith } from './flash.js'
import { jiraConnectionOf, openPortfolio, type PageConnection, type PortfolioPage } from './page-context.js'
import { readForm } from './page-forms.js'
import { keepSecretForReveal, takeRevealedSecret } from './webhook-reveal.js'
import { WebhookPage } from './webhook-page.js'

const integrationsOf = (page: PortfolioPage) => `/portfolios/${page.portfolio.id}/settings/integrations`

/** Managers of an API-token connection; a Forge connection gets its events from the app, and is sent back. */
async function openWebhook(c: Context<AppEnv>): Promise<{ page: PortfolioPage; connection: PageConnection } | Response> {
  const page = await openPortfolio(c, c.req.param('portfolioId')!, 'configureJira')
  const connection = await jiraConnectionOf(page)
  if (!connection) return c.redirect(`${integrationsOf(page)}/jira/setup`, 303)
  if (connection.mode === 'forge') {
    return redirectWith(c, integrationsOf(page), { kind: 'info', text: 'This portfolio reads Jira through the Forge app: the app forwards Jira events itself, no webhook is needed.' })
  }
  return { page, connection }
}

/** The Jira webhook as managers see it, or null when there is none. */
export async function webhookOrNull(page: PortfolioPage) {
  try {
    return await webhookService.getWebhookView(page.deps, page.portfolio)
  } catch (error) {
    if ((error as { code?: string }).code === 'webhook_not_configured') return null
    throw error
  }
}

export function createWebhookPages(): Hono<AppEnv> {
  const router = new Hono<AppEnv>()
  const path = '/portfolios/:portfolioId/settings/integrations/jira/webhook'

  router.get(path, async (c) => {
    const opened = await openWebhook(c)
    if (opened instanceof Response) return opened
    const { page, connection } = opened
    const webhook = await webhookOrNull(page)
    const secret = webhook ? takeRevealedSecret(c, page.portfolio.id) : null
    const revealed = secret && webhook
      ? { secret, instructions: setupInstructions({ siteUrl: connection.siteUrl, portfolioName: page.portfolio.name, url: webhook.url, jql: webhook.currentJql, secret }) }
      : null
    // The secret is in this answer: nothing may keep it.
    if (revealed) c.header('Cache-Control', 'no-store')
    return c.html(<WebhookPage page={page} connection={connection} webhook={webhook} revealed={revealed} now={page.deps.clock.now()} />)
  })

  // Create, or rotate: the API's one operation for both (a new secret; the old one stops working).
  router.post(path, async (c) => {
    const opened = await openWebhook(c)
    if (opened instanceof Response) return opened
    const { page } = opened
    try {
      const created = await webhookService.createWebhook(page.deps, page.actor, page.portfolio, publicOrigin(c))
      keepSecretForReveal(c, page.portfolio.id, created.secret)
      return redirectWith(c, c.req.path, {
        kind: 'success',
        text: created.rotated ? 'Secret rotated. Enter the new secret in Jira now: the old one no longer works.' : 'Webhook created. A Jira administrator can now enter it on Jira’s System › WebHooks page.',
      })
    } catch (error) {
      if (!isFormError(error)) throw error
      return redirectWith(c, c.req.path, { kind: 'error', text: sentenceOf(error)! })
    }
  })

  // The Jira admin replaced the JQL: the manager says so, and the notice goes.
  router.post(`${path}/jql`, async (c) => {
    const opened = await openWebhook(c)
    if (opened instanceof Response) return opened
    const { page } = opened
    const back = `${integrationsOf(page)}/jira/webhook`
    const jql = (await readForm(c)).text('jql')
    try {
      await webhookService.confirmWebhookJql(page.deps, page.actor, page.portfolio, jql)
      return redirectWith(c, back, { kind: 'success', text: 'Noted: the webhook’s JQL in Jira covers the linked projects.' })
    } catch (error) {
      if (!isFormError(error)) throw error
      return redirectWith(c, back, { kind: 'error', text: sentenceOf(error)! })
    }
  })

  router.get(`${path}/rotate`, async (c) => {
    const opened = await openWebhook(c)
    if (opened instanceof Response) return opened
    const { page } = opened
    const back = `${integrationsOf(page)}/jira/webhook`
    const body = <p>A new secret is made and shown once. The current one stops working at once: until the new one is entered in Jira, its deliveries are refused.</p>
    return c.html(<ConfirmPage page={page} current="settings" crumbs={[{ label: 'Integrations', href: integrationsOf(page) }, { label: 'Jira webhook', href: back }]} title="Rotate the webhook secret?" action={back} confirmLabel="Rotate secret" cancelHref={back} body={body} />)
  })

  router.get(`${path}/delete`, async (c) => {
    const opened = await openWebhook(c)
    if (opened instanceof Response) return opened
    const { page } = opened
    const back = `${integrationsOf(page)}/jira/webhook`
    const body = <p>Its URL stops answering and figures come from the schedule only. Delete the webhook in Jira too (System › WebHooks).</p>
    return c.html(<ConfirmPage page={page} current="settings" crumbs={[{ label: 'Integrations', href: integrationsOf(page) }, { label: 'Jira webhook', href: back }]} title="Delete the Jira webhook?" action={`${back}/delete`} confirmLabel="Delete webhook" cancelHref={back} body={body} />)
  })

  router.post(`${path}/delete`, async (c) => {
    const opened = await openWebhook(c)
    if (opened instanceof Response) return opened
    const { page } = opened
    try {
      await webhookService.deleteWebhook(page.deps, page.actor, page.portfolio.id)
      return redirectWith(c, integrationsOf(page), { kind: 'success', text: 'Jira webhook deleted: figures come from the schedule. Delete it in Jira too (System › WebHooks).' })
    } catch (error) {
      if ((error as { code?: string }).code !== 'webhook_not_configured') throw error
      return redirectWith(c, integrationsOf(page), { kind: 'info', text: 'There was no Jira webhook to delete.' })
    }
  })

  return router
}
