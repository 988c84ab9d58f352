/**
 * @module
 * The admin page's resolver: one Forge function, one handler per page action, each admin-only
 * and answering in the envelope (STYLE.md "What we take", item 8).
 */
import { makeResolver, type Handlers } from '@forge/resolver'
import { webTrigger } from '@forge/api'
import { JiraClient } from '../../shared/jira/client.js'
import { readAllowList, writeAllowList } from '../storage/allow-list.js'
import { readSecretStatus, rotatePortalSecret } from '../storage/portal-secret.js'
import { forgeRequester } from '../jira/forge-requester.js'
import { PORTAL_WEB_TRIGGER_KEY } from '../web-trigger/module-keys.js'
import { adminOnly, noPayload } from './envelope.js'
import {
  searchProjectsPayloadSchema,
  setAllowListPayloadSchema,
  type AdminDefinitions,
  type ProjectOptionsPage,
} from './definitions.js'

const PICKER_PAGE_SIZE = 50

const handlers: Handlers<AdminDefinitions> = {
  // ---- allow-list --------------------------------------------------------------------------
  getAllowList: adminOnly(noPayload, () => readAllowList()),
  setAllowList: adminOnly(setAllowListPayloadSchema, ({ projects }, caller) =>
    writeAllowList(projects, { by: caller.accountId, at: new Date() }),
  ),
  // The picker lists what the app itself can read: that is what the portal will get.
  searchProjects: adminOnly(searchProjectsPayloadSchema, async ({ query, startAt = 0 }): Promise<ProjectOptionsPage> => {
    // Resolvers get 25 s in all: one short retry at most, never a long Retry-After wait.
    const client = new JiraClient({
      requester: forgeRequester('app'),
      timeoutMs: 8_000,
      retry: { maxRetries: 1, maxRetryAfterMs: 5_000 },
    })
    const page = await client.searchProjects({ query, startAt, maxResults: PICKER_PAGE_SIZE })
    return {
      projects: page.values.map((project) => ({
        id: project.id,
        key: project.key,
        name: project.name,
        avatarUrl: project.avatarUrls?.['24x24'] ?? null,
      })),
      nextStartAt: page.isLast ? null : startAt + page.values.length,
    }
  }),

  // ---- portal secret -----------------------------------------------------------------------
  getSecretStatus: adminOnly(noPayload, () => readSecretStatus()),
  rotateSecret: adminOnly(noPayload, (_payload, caller) => rotatePortalSecret({ by: caller.accountId, at: new Date() })),

  // ---- web trigger -------------------------------------------------------------------------
  getWebTriggerUrl: adminOnly(noPayload, async () => ({ url: await webTrigger.getUrl(PORTAL_WEB_TRIGGER_KEY) })),
}

/** Forge function `admin-resolver` (manifest.yml). */
export const adminResolver = makeResolver<AdminDefinitions>(handlers)
