// Reads and writes of the epics linked to initiatives.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { toCount } from '../db/dialect.js'
import type { LinkedEpic, NewLinkedEpic } from './linked-epic.table.js'

export async function listLinkedEpicsOfInitiative(db: Kysely<Database>, initiativeId: string): Promise<LinkedEpic[]> {
  return db
    .selectFrom('linkedEpics')
    .selectAll()
    .where('initiativeId', '=', initiativeId)
    .orderBy('linkedAt')
    .orderBy('id')
    .execute()
}

export async function countLinkedEpics(db: Kysely<Database>, initiativeId: string): Promise<number> {
  const row = await db
    .selectFrom('linkedEpics')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('initiativeId', '=', initiativeId)
    .executeTakeFirst()
  return toCount(row?.count as number | string | undefined)
}

export async function findLinkedEpic(
  db: Kysely<Database>,
  initiativeId: string,
  jiraIssueId: string,
): Promise<LinkedEpic | undefined> {
  return db
    .selectFrom('linkedEpics')
    .selectAll()
    .where('initiativeId', '=', initiativeId)
    .where('jiraIssueId', '=', jiraIssueId)
    .executeTakeFirst()
}

export async function insertLinkedEpic(trx: Kysely<Database>, row: NewLinkedEpic): Promise<void> {
  await trx.insertInto('linkedEpics').values(row).execute()
}

export async function deleteLinkedEpic(trx: Kysely<Database>, id: string): Promise<void> {
  await trx.deleteFrom('linkedEpics').where('id', '=', id).execute()
}

/** The Jira ids of every epic some initiative of the portfolio tracks. */
export async function trackedEpicIds(db: Kysely<Database>, portfolioId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('linkedEpics')
    .select('jiraIssueId')
    .distinct()
    .where('portfolioId', '=', portfolioId)
    .orderBy('jiraIssueId')
    .execute()
  return rows.map((row) => row.jiraIssueId)
}

/** Linked epics with the initiative they sit on, for the answers of cascades. */
export interface LinkedEpicWithInitiative {
  id: string
  jiraIssueId: string
  initiativeId: string
  initiativeName: string
  linkedProjectId: string
}

export async function linkedEpicsWithInitiatives(
  db: Kysely<Database>,
  portfolioId: string,
  linkedProjectIds?: readonly string[],
): Promise<LinkedEpicWithInitiative[]> {
  let query = db
    .selectFrom('linkedEpics')
    .innerJoin('initiatives', 'initiatives.id', 'linkedEpics.initiativeId')
    .select([
      'linkedEpics.id',
      'linkedEpics.jiraIssueId',
      'linkedEpics.initiativeId',
      'initiatives.name as initiativeName',
      'linkedEpics.linkedProjectId',
    ])
    .where('linkedEpics.portfolioId', '=', portfolioId)
  if (linkedProjectIds) {
    if (linkedProjectIds.length === 0) return []
    query = query.where('linkedEpics.linkedProjectId', 'in', [...linkedProjectIds])
  }
  return query.orderBy('initiatives.name').orderBy('linkedEpics.jiraIssueId').execute()
}

/** An epic moved to another linked project in Jira now belongs to that project's link. */
export async function moveEpicToProject(
  db: Kysely<Database>,
  portfolioId: string,
  jiraIssueId: string,
  linkedProjectId: string,
): Promise<void> {
  await db
    .updateTable('linkedEpics')
    .set({ linkedProjectId })
    .where('portfolioId', '=', portfolioId)
    .where('jiraIssueId', '=', jiraIssueId)
    .where('linkedProjectId', '!=', linkedProjectId)
    .execute()
}

/** `moveEpicToProject` for many epics: one update per target project (at most 20 of them). */
export async function moveEpicsToProjects(
  db: Kysely<Database>,
  portfolioId: string,
  moves: readonly { jiraIssueId: string; linkedProjectId: string }[],
): Promise<void> {
  const byProject = new Map<string, string[]>()
  for (const { jiraIssueId, linkedProjectId } of moves) {
    const ids = byProject.get(linkedProjectId)
    if (ids) ids.push(jiraIssueId)
    else byProject.set(linkedProjectId, [jiraIssueId])
  }
  for (const [linkedProjectId, ids] of byProject) {
    for (let i = 0; i < ids.length; i += 1000) {
      await db
        .updateTable('linkedEpics')
        .set({ linkedProjectId })
        .where('portfolioId', '=', portfolioId)
        .where('jiraIssueId', 'in', ids.slice(i, i + 1000))
        .where('linkedProjectId', '!=', linkedProjectId)
        .execute()
    }
  }
}
