// Jira connections: at most one per portfolio; the credential is stored sealed, never in plain text.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jira_connections')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('portfolio_id', 'text', (col) =>
      col.notNull().unique().references('portfolios.id').onDelete('cascade'),
    )
    .addColumn('mode', 'text', (col) => col.notNull())
    .addColumn('site_url', 'text', (col) => col.notNull())
    .addColumn('account_email', 'text')
    .addColumn('account_id', 'text')
    .addColumn('account_name', 'text')
    .addColumn('auth_route', 'text', (col) => col.notNull().defaultTo('site'))
    .addColumn('cloud_id', 'text')
    .addColumn('web_trigger_url', 'text')
    .addColumn('credential_sealed', 'text', (col) => col.notNull())
    .addColumn('credential_hint', 'text', (col) => col.notNull())
    .addColumn('story_points_field_ids', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('epic_type_ids', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('facts_read_at', 'text')
    .addColumn('health', 'text', (col) => col.notNull().defaultTo('unknown'))
    .addColumn('health_message', 'text')
    .addColumn('health_checked_at', 'text')
    .addColumn('last_sync_at', 'text')
    .addColumn('last_sync_started_at', 'text')
    .addColumn('last_full_sync_at', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('sync_lease_owner', 'text')
    .addColumn('sync_lease_until', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addCheckConstraint('jira_connections_mode_check', sql`mode in ('api_token', 'forge')`)
    .addCheckConstraint('jira_connections_auth_route_check', sql`auth_route in ('site', 'gateway')`)
    .addCheckConstraint(
      'jira_connections_health_check',
      sql`health in ('unknown', 'ok', 'token_rejected', 'forbidden', 'unreachable', 'unavailable', 'rate_limited', 'not_understood')`,
    )
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jira_connections').execute()
}
