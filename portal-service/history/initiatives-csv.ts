// The portfolio's initiatives as a CSV file: stage, status, suggestion, owner, dates and roll-up figures, one row each.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { Status } from '../initiatives/initiative.table.js'
import * as membershipService from '../memberships/membership.service.js'
import { parseStages } from '../portfolios/stages.js'
import type { Portfolio } from '../portfolios/portfolio.table.js'
import { toCsv, type CsvValue } from './csv.js'
import type { Suggestion } from './forecast.js'
import { portfolioOutlook, type InitiativeOutlook } from './portfolio-outlook.js'

const STATUS: Record<Status, string> = { on_track: 'On Track', at_risk: 'At Risk', off_track: 'Off Track' }
const SUGGESTION: Record<Suggestion, string> = { on_track: 'On Track', at_risk: 'At Risk', off_track: 'Off Track', not_enough_data: 'Not enough data' }
const REASON: Record<string, string> = { too_little_history: 'under two weeks of history', no_throughput: 'no work done lately', no_go_live: 'no go-live date' }

export const CSV_HEADER = [
  'Name',
  'Stage',
  'Status',
  'Suggestion',
  'Suggestion basis',
  'Completes from',
  'Completes by',
  'Owner',
  'Owner email',
  'Start',
  'Go-live',
  'Linked epics',
  'Child issues',
  'To Do',
  'In Progress',
  'Done',
  '% done',
  'Story points',
  'Story points done',
  '% story points done',
  'Children without estimate',
  'Figures read at',
  'Stale',
  'Id',
] as const

function row(outlook: InitiativeOutlook, owner: { name: string; email: string } | undefined): CsvValue[] {
  const { initiative, progress, basis, forecast } = outlook
  const rollUp = progress?.rollUp
  const points = rollUp?.points ?? null
  const suggestion = forecast ? SUGGESTION[forecast.suggestion] + (forecast.reason ? ` (${REASON[forecast.reason]})` : '') : null
  return [
    initiative.name,
    initiative.stage,
    STATUS[initiative.status],
    suggestion,
    forecast ? (basis === 'points' ? 'story points' : 'child issues') : null,
    forecast?.earliestCompletion ?? null,
    forecast?.completesBetween?.[1] ?? null,
    owner?.name ?? null,
    owner?.email ?? null,
    initiative.startDate,
    initiative.targetDate,
    progress ? progress.rollUp.epics + progress.epicsNotRead : 0,
    rollUp?.children.total ?? 0,
    rollUp?.children.todo ?? 0,
    rollUp?.children.inProgress ?? 0,
    rollUp?.children.done ?? 0,
    rollUp?.percentDone ?? null,
    points?.total ?? null,
    points?.done ?? null,
    points?.percentDone ?? null,
    points?.unestimated ?? null,
    progress?.readAt ?? null,
    progress ? (progress.stale ? 'yes' : 'no') : null,
    initiative.id,
  ]
}

/** Every initiative, by stage in the portfolio's order then by name, as RFC 4180 CSV text. */
export async function initiativesCsv(db: Kysely<Database>, portfolio: Portfolio, now: Date): Promise<string> {
  const [outlook, members] = await Promise.all([portfolioOutlook(db, portfolio.id, now), membershipService.listMembers(db, portfolio)])
  const owners = new Map(members.map((m) => [m.userId, m]))
  const stages = parseStages(portfolio.stages)
  const order = (stage: string) => stages.indexOf(stage) + 1 || stages.length + 1
  const sorted = [...outlook].sort((a, b) => order(a.initiative.stage) - order(b.initiative.stage) || a.initiative.name.localeCompare(b.initiative.name))
  return toCsv(CSV_HEADER, sorted.map((o) => row(o, o.initiative.ownerId ? owners.get(o.initiative.ownerId) : undefined)))
}

/** `digital-banking-initiatives-2026-11-25.csv`: ASCII only, so every browser keeps it. */
export function csvFileName(portfolioName: string, now: Date): string {
  const slug = portfolioName.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().toLowerCase().replace(/[\s_]+/g, '-').slice(0, 60) || 'portfolio'
  return `${slug}-initiatives-${now.toISOString().slice(0, 10)}.csv`
}
