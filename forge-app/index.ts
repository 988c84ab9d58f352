// The Forge app's entry: manifest.yml's handlers `index.<name>` are these exports (bundled into dist/index.js).

// resolvers
export { adminResolver } from './resolvers/index.js'

// web trigger
export { handlePortalRequest } from './web-trigger/handle-portal-request.js'

// product events
export { handleIssueEvent } from './events/handle-issue-event.js'
