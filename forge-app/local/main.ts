/**
 * @module
 * `npm run forge:local`: the Forge app's web trigger and resolvers on loopback, with the Forge
 * platform emulated, against the Jira sandbox (started here unless told otherwise) or a real
 * site reached with an API token. Prints the web trigger URL and the portal secret to paste into
 * the portal, so portal -> web trigger -> reader -> Jira runs on one machine.
 *
 * Environment: JIRA_SITE_URL, JIRA_EMAIL, JIRA_API_TOKEN (a real site; all three or none),
 * FORGE_LOCAL_PORT (default 7071; 0 picks one), FORGE_LOCAL_HOST (default 127.0.0.1),
 * FORGE_LOCAL_SECRET (else the stored one, else a new one), FORGE_LOCAL_PROJECTS (comma-separated
 * keys for the allow-list when none is stored; default: the first 50 projects Jira shows),
 * FORGE_LOCAL_KVS_FILE (keep the app's storage, secret included, in this JSON file).
 */
import { z } from 'zod'
import { isWellFormedSecret } from '../../shared/contract/secret.js'
import { appReading, RESOLVER_BUDGET } from '../jira/app-reader.js'
import { readAllowList, writeAllowList } from '../storage/allow-list.js'
import { readPortalSecret, rotatePortalSecret, storePortalSecret } from '../storage/portal-secret.js'
import type { JiraTarget } from './forge-runtime.js'
import { startLocalForgeServer } from './local-server.js'
import { MemoryKvs } from './memory-kvs.js'

const envSchema = z
  .object({
    JIRA_SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
    JIRA_EMAIL: z.string().min(1).optional(),
    JIRA_API_TOKEN: z.string().min(1).optional(),
    FORGE_LOCAL_PORT: z.coerce.number().int().min(0).max(65_535).default(7071),
    FORGE_LOCAL_HOST: z.string().min(1).default('127.0.0.1'),
    FORGE_LOCAL_SECRET: z.string().refine(isWellFormedSecret, 'must be a 43-character base64url secret').optional(),
    FORGE_LOCAL_PROJECTS: z.string().optional(),
    FORGE_LOCAL_KVS_FILE: z.string().min(1).optional(),
  })
  .refine((env) => [env.JIRA_SITE_URL, env.JIRA_EMAIL, env.JIRA_API_TOKEN].every((v) => v === undefined) || (env.JIRA_SITE_URL && env.JIRA_EMAIL && env.JIRA_API_TOKEN), {
    message: 'set JIRA_SITE_URL, JIRA_EMAIL and JIRA_API_TOKEN together (or none, for the sandbox)',
    path: ['JIRA_SITE_URL'],
  })

const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== '')))
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.') || 'environment'}: ${issue.message}`)
  process.exit(2)
}
const env = parsed.data

/** The Jira to read: a real site, or a sandbox started for this run. */
interface Target {
  jira: JiraTarget
  cloudId: string | null
  label: string
  /** Has the site's issue changes reach the trigger as product events (the sandbox only). */
  deliverProductEvents?(url: string): void
  /** A command that changes an issue, to watch an event travel (the sandbox only). */
  tryIt?: string
  close(): Promise<void>
}

async function jiraTarget(): Promise<Target> {
  if (env.JIRA_SITE_URL && env.JIRA_EMAIL && env.JIRA_API_TOKEN) {
    const baseUrl = env.JIRA_SITE_URL.replace(/\/+$/, '')
    // The cloud id is public (`/_edge/tenant_info`); without it ping just reports none.
    const cloudId = await fetch(`${baseUrl}/_edge/tenant_info`)
      .then(async (response) => z.object({ cloudId: z.string() }).parse(await response.json()).cloudId)
      .catch(() => null)
    return { jira: { baseUrl, email: env.JIRA_EMAIL, apiToken: env.JIRA_API_TOKEN }, cloudId, label: `${baseUrl} as ${env.JIRA_EMAIL}`, close: async () => undefined }
  }
  // Only local development loads the sandbox, and only when no site is given.
  const { startJiraSandbox } = await import('../../test/jira-sandbox/index.js')
  const sandbox = await startJiraSandbox({ seed: 1, dataset: { projects: 6, epicsPerProject: 5, childrenPerEpic: [0, 10], subtasksPerChild: 1, names: 'demo' } })
  const { admin } = sandbox.accounts
  const child = sandbox.store.projects().flatMap((p) => sandbox.store.epics(p.key)).flatMap((e) => sandbox.store.children(e.id))[0]
  return {
    jira: { baseUrl: sandbox.url, email: admin.email, apiToken: admin.token },
    cloudId: sandbox.cloudId,
    label: `the Jira sandbox at ${sandbox.url} as ${admin.email} (token ${admin.token})`,
    // The Forge platform delivers every issue event of the site to the trigger; the sandbox does it with a webhook.
    deliverProductEvents: (url) =>
      void sandbox.webhooks.register({ url, events: ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'], name: 'Forge platform (emulated)' }),
    ...(child ? { tryIt: `curl -X PATCH ${sandbox.url}/_sandbox/issues/${child.key} -H 'Content-Type: application/json' -d '{"status":"Done"}'` } : {}),
    close: () => sandbox.close(),
  }
}

const target = await jiraTarget()
const server = await startLocalForgeServer({
  jira: target.jira,
  cloudId: target.cloudId,
  host: env.FORGE_LOCAL_HOST,
  port: env.FORGE_LOCAL_PORT,
  ...(env.FORGE_LOCAL_KVS_FILE ? { kvs: new MemoryKvs({ file: env.FORGE_LOCAL_KVS_FILE }) } : {}),
})

// What a Jira admin does on the app's admin page: pick projects, generate the secret.
if ((await readAllowList()).projects.length === 0) {
  const wanted = env.FORGE_LOCAL_PROJECTS?.split(',').map((key) => key.trim().toUpperCase()).filter(Boolean)
  const jira = appReading(RESOLVER_BUDGET)
  const projects = wanted ? await jira.reader.projectsByKeys(wanted) : (await jira.reader.searchProjects({ maxResults: 50 })).projects
  await writeAllowList(projects.map(({ id, key, name }) => ({ id, key, name })), { by: 'forge-local', at: new Date() })
}
const given = env.FORGE_LOCAL_SECRET ? await storePortalSecret(env.FORGE_LOCAL_SECRET, { by: 'forge-local', at: new Date() }) : undefined
const secret = given?.secret ?? (await readPortalSecret()) ?? (await rotatePortalSecret({ by: 'forge-local', at: new Date() })).secret
const allowed = (await readAllowList()).projects.map((project) => project.key)
target.deliverProductEvents?.(server.productEventsUrl)
const events = target.deliverProductEvents
  ? `Product events: the sandbox's issue changes reach the trigger (POST ${server.productEventsUrl}); once a portal saved
this connection (which subscribes it), each change in an allowed project is forwarded to it, signed. Try:
  ${target.tryIt ?? '(no issue to change)'}`
  : `Product events: a real site delivers them only to a deployed app (forge deploy, or forge tunnel); POST Jira
webhook bodies to ${server.productEventsUrl} to play them here.`

console.log(`Portfolio Bridge Forge app (local) at ${server.url}, reading ${target.label}

Web trigger URL: ${server.webTriggerUrl}
Secret: ${secret}
Allow-list: ${allowed.join(', ') || '(empty)'}
Resolvers: POST ${server.url}/resolver/<name> with {"payload": {...}} (e.g. getEpicProgress, listEpics)

Connect a portfolio in Forge mode (the portal needs JIRA_ALLOW_INSECURE=1 to call a loopback URL):
  PUT /api/portfolios/<id>/jira
  {"mode":"forge","webTriggerUrl":"${server.webTriggerUrl}","secret":"${secret}","projectKeys":["${allowed[0] ?? 'KEY'}"]}

${events}
`)

async function shutdown(): Promise<void> {
  await server.close()
  await target.close()
  process.exit(0)
}
process.once('SIGINT', () => void shutdown())
process.once('SIGTERM', () => void shutdown())
