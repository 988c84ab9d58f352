/** @module Change notices: what Jira webhooks and Forge events say, in the portal's words. */
export * from './change-notice.js'
export * from './jira-webhook.js'
export * from './forge-issue-event.js'
