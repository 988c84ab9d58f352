// Link intervals: when each epic was linked to each initiative, so history sums only the epics linked at each moment.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('epic_link_intervals')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('portfolio_id', 'text', (col) => col.notNull().references('portfolios.id').onDelete('cascade'))
    // A deleted initiative has no history to show: its intervals go with it.
    .addColumn('initiative_id', 'text', (col) => col.notNull().references('initiatives.id').onDelete('cascade'))
    .addColumn('jira_issue_id', 'text', (col) => col.notNull())
    // The key when last seen, for naming epics unlinked since (the snapshot goes with the last link).
    .addColumn('epic_key', 'text', (col) => col.notNull())
    .addColumn('linked_at', 'text', (col) => col.notNull())
    .addColumn('unlinked_at', 'text')
    .execute()
  await db.schema.createIndex('epic_link_intervals_initiative_index').on('epic_link_intervals').columns(['initiative_id', 'linked_at']).execute()
  // Cascades close intervals by epic; compaction finds epics no interval names any more.
  await db.schema.createIndex('epic_link_intervals_portfolio_issue_index').on('epic_link_intervals').columns(['portfolio_id', 'jira_issue_id']).execute()
  // At most one open interval per initiative and epic, as linked_epics allows one link.
  await db.schema
    .createIndex('epic_link_intervals_open_unique')
    .on('epic_link_intervals')
    .columns(['initiative_id', 'jira_issue_id'])
    .unique()
    .where(sql.ref('unlinked_at'), 'is', null)
    .execute()
  // Links made before history existed are open intervals from their linking.
  await db
    .insertInto('epic_link_intervals')
    .columns(['id', 'portfolio_id', 'initiative_id', 'jira_issue_id', 'epic_key', 'linked_at'])
    .expression(
      db
        .selectFrom('linked_epics as l')
        .leftJoin('epic_snapshots as e', (join) => join.onRef('e.portfolio_id', '=', 'l.portfolio_id').onRef('e.jira_issue_id', '=', 'l.jira_issue_id'))
        .select((eb) => ['l.id', 'l.portfolio_id', 'l.initiative_id', 'l.jira_issue_id', eb.fn.coalesce('e.epic_key', 'l.jira_issue_id').as('epic_key'), 'l.linked_at']),
    )
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('epic_link_intervals').execute()
}
