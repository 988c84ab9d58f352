/**
 * @module
 * Describes what a cascade unlinks (DESIGN.md, Cascades): the answer of an unlink, and the
 * warning a confirmation box shows before it.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import * as snapshotRepository from '../epics/epic-snapshot.repository.js'
import type { LinkedEpicWithInitiative } from '../epics/linked-epic.repository.js'
import type { LinkedProject } from './linked-project.table.js'

export interface UnlinkedEpic {
  /** The epic's Jira id. */
  id: string
  key: string
  summary: string
  initiativeId: string
  initiativeName: string
}

export interface UnlinkedProject {
  id: string
  key: string
  name: string
}

export async function describeEpics(
  db: Kysely<Database>,
  portfolioId: string,
  epics: readonly LinkedEpicWithInitiative[],
): Promise<UnlinkedEpic[]> {
  const snapshots = await snapshotRepository.findSnapshots(db, portfolioId, [...new Set(epics.map((e) => e.jiraIssueId))])
  const byId = new Map(snapshots.map((s) => [s.jiraIssueId, s]))
  return epics.map((epic) => {
    const snapshot = byId.get(epic.jiraIssueId)
    return {
      id: epic.jiraIssueId,
      key: snapshot?.epicKey ?? epic.jiraIssueId,
      summary: snapshot?.summary ?? '',
      initiativeId: epic.initiativeId,
      initiativeName: epic.initiativeName,
    }
  })
}

export function describeProjects(projects: readonly LinkedProject[]): UnlinkedProject[] {
  return projects.map((p) => ({ id: p.jiraProjectId, key: p.projectKey, name: p.name }))
}
