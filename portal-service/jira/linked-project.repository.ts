// Reads and writes of the Jira projects linked to a portfolio.
import type { Kysely } from 'kysely'
import type { JiraProject } from '../../shared/jira/records.js'
import type { Database } from '../db/database.js'
import { toCount } from '../db/dialect.js'
import { newId } from '../db/ids.js'
import type { LinkedProject, LinkedProjectState, NewLinkedProject } from './linked-project.table.js'

export async function listLinkedProjects(db: Kysely<Database>, portfolioId: string): Promise<LinkedProject[]> {
  return db
    .selectFrom('linkedProjects')
    .selectAll()
    .where('portfolioId', '=', portfolioId)
    .orderBy('projectKey')
    .execute()
}

export async function countLinkedProjects(db: Kysely<Database>, portfolioId: string): Promise<number> {
  const row = await db
    .selectFrom('linkedProjects')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('portfolioId', '=', portfolioId)
    .executeTakeFirst()
  return toCount(row?.count as number | string | undefined)
}

export async function findLinkedProjectByKey(
  db: Kysely<Database>,
  portfolioId: string,
  projectKey: string,
): Promise<LinkedProject | undefined> {
  return db
    .selectFrom('linkedProjects')
    .selectAll()
    .where('portfolioId', '=', portfolioId)
    .where('projectKey', '=', projectKey)
    .executeTakeFirst()
}

export async function findLinkedProjectByJiraId(
  db: Kysely<Database>,
  portfolioId: string,
  jiraProjectId: string,
): Promise<LinkedProject | undefined> {
  return db
    .selectFrom('linkedProjects')
    .selectAll()
    .where('portfolioId', '=', portfolioId)
    .where('jiraProjectId', '=', jiraProjectId)
    .executeTakeFirst()
}

/** Who linked the projects, when, and under which connection. */
export interface ProjectLink {
  portfolioId: string
  connectionId: string
  linkedBy: string
  linkedAt: string
}

/** Links `projects` as Jira described them; answers the rows written. */
export async function insertLinkedProjects(trx: Kysely<Database>, projects: readonly JiraProject[], link: ProjectLink): Promise<NewLinkedProject[]> {
  const rows = projects.map((p) => ({
    ...link,
    id: newId(),
    jiraProjectId: p.id,
    projectKey: p.key,
    name: p.name,
    avatarUrl: p.avatarUrl,
    style: p.style,
  }))
  if (rows.length > 0) await trx.insertInto('linkedProjects').values(rows).execute()
  return rows
}

export async function deleteLinkedProject(trx: Kysely<Database>, id: string): Promise<void> {
  await trx.deleteFrom('linkedProjects').where('id', '=', id).execute()
}

/** What Jira says of a linked project now: its key and name may have changed, or it may be gone. */
export async function refreshLinkedProject(
  db: Kysely<Database>,
  id: string,
  changes: { projectKey?: string; name?: string; avatarUrl?: string | null; style?: string | null; state: LinkedProjectState },
): Promise<void> {
  await db.updateTable('linkedProjects').set(changes).where('id', '=', id).execute()
}
