// Linked epics: an epic at most once per initiative; gone with its initiative or its linked project.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('linked_epics')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('portfolio_id', 'text', (col) => col.notNull().references('portfolios.id').onDelete('cascade'))
    .addColumn('initiative_id', 'text', (col) => col.notNull().references('initiatives.id').onDelete('cascade'))
    .addColumn('linked_project_id', 'text', (col) =>
      col.notNull().references('linked_projects.id').onDelete('cascade'),
    )
    .addColumn('jira_issue_id', 'text', (col) => col.notNull())
    .addColumn('linked_at', 'text', (col) => col.notNull())
    .addColumn('linked_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addUniqueConstraint('linked_epics_initiative_issue_unique', ['initiative_id', 'jira_issue_id'])
    .execute()
  // The sync and the cascades look epics up by portfolio and Jira id, and by linked project.
  await db.schema
    .createIndex('linked_epics_portfolio_issue_index')
    .on('linked_epics')
    .columns(['portfolio_id', 'jira_issue_id'])
    .execute()
  await db.schema
    .createIndex('linked_epics_linked_project_id_index')
    .on('linked_epics')
    .column('linked_project_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('linked_epics').execute()
}
