/**
 * @module
 * The admin page's resolver: one Forge function, one handler per page action, each admin-only
 * and answering in the envelope (STYLE.md "What we take", item 8).
 */
import { makeResolver, type Handlers } from '@forge/resolver'
import { webTrigger } from '@forge/api'
import { appReading, RESOLVER_BUDGET } from '../jira/app-reader.js'
import { readAllowList, writeAllowList } from '../storage/allow-list.js'
import { readSecretStatus, rotatePortalSecret } from '../storage/portal-secret.js'
import { PORTAL_WEB_TRIGGER_KEY } from '../web-trigger/module-keys.js'
import {
  getEpicProgressPayloadSchema,
  listEpicsPayloadSchema,
  searchProjectsPayloadSchema,
  setAllowListPayloadSchema,
  type AdminDefinitions,
  type ProjectOptionsPage,
} from './definitions.js'
import { epicProgress, listAllowedEpics } from './epic-resolvers.js'
import { adminOnly, noPayload } from './envelope.js'

const PICKER_PAGE_SIZE = 50

const handlers: Handlers<AdminDefinitions> = {
  // ---- allow-list --------------------------------------------------------------------------
  getAllowList: adminOnly(noPayload, () => readAllowList()),
  setAllowList: adminOnly(setAllowListPayloadSchema, ({ projects }, caller) =>
    writeAllowList(projects, { by: caller.accountId, at: new Date() }),
  ),
  // The picker lists what the app itself can read, not only the allow-list: it is how the list is made.
  searchProjects: adminOnly(searchProjectsPayloadSchema, async ({ query, startAt = 0 }): Promise<ProjectOptionsPage> => {
    const jira = appReading(RESOLVER_BUDGET)
    const page = await jira.within(() => jira.reader.searchProjects({ query, startAt, maxResults: PICKER_PAGE_SIZE }))
    return {
      projects: page.projects.map(({ id, key, name, avatarUrl }) => ({ id, key, name, avatarUrl })),
      nextStartAt: page.isLast ? null : startAt + page.projects.length,
    }
  }),

  // ---- epics, as the portal sees them --------------------------------------------------------
  getEpicProgress: adminOnly(getEpicProgressPayloadSchema, (payload) => epicProgress(payload)),
  listEpics: adminOnly(listEpicsPayloadSchema, (payload) => listAllowedEpics(payload)),

  // ---- portal secret -----------------------------------------------------------------------
  getSecretStatus: adminOnly(noPayload, () => readSecretStatus()),
  rotateSecret: adminOnly(noPayload, (_payload, caller) => rotatePortalSecret({ by: caller.accountId, at: new Date() })),

  // ---- web trigger -------------------------------------------------------------------------
  getWebTriggerUrl: adminOnly(noPayload, async () => ({ url: await webTrigger.getUrl(PORTAL_WEB_TRIGGER_KEY) })),
}

/** Forge function `admin-resolver` (manifest.yml). */
export const adminResolver = makeResolver<AdminDefinitions>(handlers)
