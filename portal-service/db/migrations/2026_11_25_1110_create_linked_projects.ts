// Linked Jira projects: each project at most once per portfolio (the limit of 20 is the service's).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('linked_projects')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('portfolio_id', 'text', (col) => col.notNull().references('portfolios.id').onDelete('cascade'))
    .addColumn('connection_id', 'text', (col) =>
      col.notNull().references('jira_connections.id').onDelete('cascade'),
    )
    .addColumn('jira_project_id', 'text', (col) => col.notNull())
    .addColumn('project_key', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('avatar_url', 'text')
    .addColumn('style', 'text')
    .addColumn('state', 'text', (col) => col.notNull().defaultTo('ok'))
    .addColumn('linked_at', 'text', (col) => col.notNull())
    .addColumn('linked_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addUniqueConstraint('linked_projects_portfolio_project_unique', ['portfolio_id', 'jira_project_id'])
    .addCheckConstraint('linked_projects_state_check', sql`state in ('ok', 'missing')`)
    .execute()
  await db.schema
    .createIndex('linked_projects_connection_id_index')
    .on('linked_projects')
    .column('connection_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('linked_projects').execute()
}
