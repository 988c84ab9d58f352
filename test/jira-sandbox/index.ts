// The Jira sandbox's public API: a faithful fake Jira Cloud (REST v3) on loopback for tests and demos.
export { startJiraSandbox, isWrite } from './sandbox.js'
export { SandboxStore } from './store.js'
export { DEFAULT_DATASET, DEMO_ACCOUNTS } from './model/dataset.js'
export { faultRuleToJson } from './http/control-api.js'
export type {
  DatasetSpec,
  FaultInjector,
  FaultKind,
  FaultMatch,
  FaultRule,
  IssueChanges,
  IssueKind,
  JiraSandbox,
  NewAccount,
  NewIssue,
  NewWebhook,
  ProjectStyle,
  RequestLogEntry,
  SandboxAccount,
  SandboxIssue,
  SandboxOptions,
  SandboxProject,
  SandboxWebhook,
  StatusCategoryKey,
  WebhookAttempt,
  WebhookControl,
  WebhookDeliveryLogEntry,
  WebhookEventName,
  WebhookFaultRule,
} from './types.js'
