// The one typed schema of the portal database, assembled from the tables beside each feature.
import type { AuditLogTable } from '../audit/audit.table.js'
import type { PersonalAccessTokenTable } from '../auth/access-token.table.js'
import type { LoginAttemptTable } from '../auth/login-attempt.table.js'
import type { SessionTable } from '../auth/session.table.js'
import type { CompanyTable } from '../companies/company.table.js'
import type { EpicChildTable } from '../epics/epic-child.table.js'
import type { EpicSnapshotTable } from '../epics/epic-snapshot.table.js'
import type { EpicHistorySeriesTable, EpicHistoryTable } from '../history/epic-history.table.js'
import type { HistoryCompactionTable } from '../history/history-compaction.table.js'
import type { InitiativeHistoryTable } from '../history/initiative-history.table.js'
import type { LinkIntervalTable } from '../history/link-interval.table.js'
import type { ForgeEventFeedTable } from '../forge-events/forge-event-feed.table.js'
import type { InitiativeRollupTable } from '../epics/initiative-rollup.table.js'
import type { LinkedEpicTable } from '../epics/linked-epic.table.js'
import type { InitiativeTable } from '../initiatives/initiative.table.js'
import type { JiraConnectionTable } from '../jira/jira-connection.table.js'
import type { LinkedProjectTable } from '../jira/linked-project.table.js'
import type { MembershipTable } from '../memberships/membership.table.js'
import type { PortfolioTable } from '../portfolios/portfolio.table.js'
import type { SyncRunTable } from '../sync/sync-run.table.js'
import type { UserTable } from '../users/user.table.js'
import type { EventDeliveryTable } from '../webhooks/event-delivery.table.js'
import type { JiraWebhookTable } from '../webhooks/jira-webhook.table.js'

/**
 * Keys are camelCase: `CamelCasePlugin` maps them (and every column) to snake_case in SQL,
 * so `auditLog` is the `audit_log` table.
 */
export interface Database {
  companies: CompanyTable
  users: UserTable
  sessions: SessionTable
  personalAccessTokens: PersonalAccessTokenTable
  loginAttempts: LoginAttemptTable
  portfolios: PortfolioTable
  memberships: MembershipTable
  initiatives: InitiativeTable
  auditLog: AuditLogTable
  jiraConnections: JiraConnectionTable
  linkedProjects: LinkedProjectTable
  linkedEpics: LinkedEpicTable
  epicSnapshots: EpicSnapshotTable
  epicChildren: EpicChildTable
  initiativeRollups: InitiativeRollupTable
  syncRuns: SyncRunTable
  jiraWebhooks: JiraWebhookTable
  eventDeliveries: EventDeliveryTable
  forgeEventFeeds: ForgeEventFeedTable
  epicHistorySeries: EpicHistorySeriesTable
  epicHistory: EpicHistoryTable
  epicLinkIntervals: LinkIntervalTable
  initiativeHistory: InitiativeHistoryTable
  historyCompactions: HistoryCompactionTable
}
