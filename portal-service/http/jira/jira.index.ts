// The Jira integration routes, assembled.
import { createRouter } from '../router.js'
import * as handlers from './jira.handlers.js'
import * as routes from './jira.routes.js'

export function createJiraRouter() {
  return createRouter()
    .openapi(routes.verifyJira, handlers.verifyJira)
    .openapi(routes.configureJira, handlers.configureJira)
    .openapi(routes.getJira, handlers.getJira)
    .openapi(routes.editJira, handlers.editJira)
    .openapi(routes.previewDeleteJira, handlers.previewDeleteJira)
    .openapi(routes.deleteJira, handlers.deleteJira)
    .openapi(routes.availableProjects, handlers.availableProjects)
    .openapi(routes.linkProjects, handlers.linkProjects)
    .openapi(routes.previewUnlinkProject, handlers.previewUnlinkProject)
    .openapi(routes.unlinkProject, handlers.unlinkProject)
    .openapi(routes.startSync, handlers.startSync)
    .openapi(routes.getSync, handlers.getSync)
}
