// Login attempts: kept in the database so throttling holds across several portal instances.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('at', 'text', (col) => col.notNull())
    // No foreign key: attempts against unknown emails are throttled too.
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('ip', 'text', (col) => col.notNull())
    .addColumn('succeeded', 'integer', (col) => col.notNull())
    .addCheckConstraint('login_attempts_succeeded_check', sql`succeeded in (0, 1)`)
    .execute()
  await db.schema
    .createIndex('login_attempts_email_at_index')
    .on('login_attempts')
    .columns(['email', 'at'])
    .execute()
  await db.schema
    .createIndex('login_attempts_ip_at_index')
    .on('login_attempts')
    .columns(['ip', 'at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_attempts').execute()
}
