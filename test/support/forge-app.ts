// The Forge app on loopback over a Jira sandbox, set up as a Jira admin would leave it: projects allowed, a secret generated.
import { startLocalForgeServer, type LocalForgeServer } from '../../forge-app/local/local-server.js'
import { writeAllowList } from '../../forge-app/storage/allow-list.js'
import { rotatePortalSecret } from '../../forge-app/storage/portal-secret.js'
import type { JiraSandbox, SandboxProject, SandboxWebhook } from '../jira-sandbox/index.js'

export interface ForgeAppFixture {
  server: LocalForgeServer
  webTriggerUrl: string
  /** The live secret, as the admin page showed it. */
  secret: string
  /** What the admin page's picker saves. */
  allow(projects: readonly SandboxProject[]): Promise<void>
  /** The admin page's "Rotate secret": the old one stops working at once. */
  rotateSecret(): Promise<string>
  /**
   * Has the site's issue changes reach the app's trigger as Forge product events: the sandbox
   * delivers every issue event (no JQL, as the platform does) to the local server.
   */
  deliverProductEvents(): SandboxWebhook
  close(): Promise<void>
}

/** Installs the emulated Forge runtime in this process (one at a time) and serves the app. */
export async function startForgeApp(sandbox: JiraSandbox, allowed: readonly SandboxProject[]): Promise<ForgeAppFixture> {
  const { admin } = sandbox.accounts
  const server = await startLocalForgeServer({ jira: { baseUrl: sandbox.url, email: admin.email, apiToken: admin.token }, cloudId: sandbox.cloudId })
  const change = () => ({ by: 'jira-admin', at: new Date() })
  const fixture: ForgeAppFixture = {
    server,
    webTriggerUrl: server.webTriggerUrl,
    secret: (await rotatePortalSecret(change())).secret,
    async allow(projects) {
      await writeAllowList(projects.map(({ id, key, name }) => ({ id, key, name })), change())
    },
    async rotateSecret() {
      fixture.secret = (await rotatePortalSecret(change())).secret
      return fixture.secret
    },
    deliverProductEvents() {
      return sandbox.webhooks.register({
        url: server.productEventsUrl,
        events: ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'],
        name: 'Forge platform (emulated)',
      })
    },
    close: () => server.close(),
  }
  await fixture.allow(allowed)
  return fixture
}
