// Loads what the attention list is made of (attention.ts): the outlook of every initiative, its epics' flags, the connection's health.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { snapshotProgress } from '../epics/epic-view.js'
import { healthMessage } from '../jira/health.js'
import * as connectionRepository from '../jira/jira-connection.repository.js'
import { parseStages } from '../portfolios/stages.js'
import type { Portfolio } from '../portfolios/portfolio.table.js'
import { attentionItems, type AttentionItem, type EpicFacts } from './attention.js'
import { portfolioOutlook } from './portfolio-outlook.js'

/** Linked epics of the portfolio with the flags their snapshots raise, by initiative. */
async function epicFactsByInitiative(db: Kysely<Database>, portfolioId: string): Promise<Map<string, EpicFacts[]>> {
  const rows = await db
    .selectFrom('linkedEpics as l')
    .innerJoin('epicSnapshots as e', (join) => join.onRef('e.portfolioId', '=', 'l.portfolioId').onRef('e.jiraIssueId', '=', 'l.jiraIssueId'))
    .select([
      'l.initiativeId',
      'e.jiraIssueId',
      'e.epicKey',
      'e.summary',
      'e.state',
      'e.statusCategory',
      'e.todo',
      'e.inProgress',
      'e.done',
      'e.total',
      'e.pointsTodo',
      'e.pointsInProgress',
      'e.pointsDone',
      'e.pointsTotal',
      'e.unestimated',
      'e.hasPoints',
      'e.progressReadAt',
      'e.staleSince',
    ])
    .where('l.portfolioId', '=', portfolioId)
    .orderBy('l.linkedAt')
    .orderBy('l.id')
    .execute()
  const byInitiative = new Map<string, EpicFacts[]>()
  for (const row of rows) {
    const progress = snapshotProgress(row)
    const children = progress?.children.total ?? 0
    byInitiative.set(row.initiativeId, [
      ...(byInitiative.get(row.initiativeId) ?? []),
      {
        id: row.jiraIssueId,
        key: row.epicKey,
        summary: row.summary,
        state: row.state,
        doneWithOpenChildren: progress?.doneWithOpenChildren ?? false,
        children,
        openChildren: children - (progress?.children.done ?? 0),
        unestimated: progress?.points?.unestimated ?? 0,
        staleReadAt: row.staleSince === null ? null : (row.progressReadAt ?? row.staleSince),
      },
    ])
  }
  return byInitiative
}

/** What needs a person now in the portfolio, the worst first. */
export async function portfolioAttention(db: Kysely<Database>, portfolio: Portfolio, now: Date): Promise<AttentionItem[]> {
  const [outlook, epics, connection] = await Promise.all([
    portfolioOutlook(db, portfolio.id, now),
    epicFactsByInitiative(db, portfolio.id),
    connectionRepository.findConnection(db, portfolio.id),
  ])
  const stages = parseStages(portfolio.stages)
  const unhealthy = connection && connection.health !== 'ok' && connection.health !== 'unknown' ? { health: connection.health, message: healthMessage(connection.health, connection.mode, connection.healthMessage) } : null
  return attentionItems({
    today: now.toISOString().slice(0, 10),
    unhealthy,
    doneStage: stages.at(-1) ?? null,
    initiatives: outlook.map(({ initiative, progress, basis, forecast }) => ({
      id: initiative.id,
      name: initiative.name,
      stage: initiative.stage,
      targetDate: initiative.targetDate,
      children: progress?.rollUp.children.total ?? 0,
      openChildren: (progress?.rollUp.children.total ?? 0) - (progress?.rollUp.children.done ?? 0),
      basis,
      forecast,
      epics: epics.get(initiative.id) ?? [],
    })),
  })
}
