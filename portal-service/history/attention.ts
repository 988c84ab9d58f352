/**
 * @module
 * What needs a person now, in a portfolio, as sentences (issue 10): forecasts at risk or off
 * track, Jira unreadable or figures stale, epics Done with open children, unestimated children
 * where an initiative is measured in story points, epics deleted or moved out of the linked
 * projects, and initiatives past go-live and not done. Pure: the facts come in, items go out.
 */
import type { EpicState } from '../epics/epic-snapshot.table.js'
import { plural } from '../plural.js'
import type { Basis, Forecast } from './forecast.js'

export const ATTENTION_KINDS = [
  'connection_unhealthy',
  'past_go_live',
  'forecast_off_track',
  'forecast_at_risk',
  'epic_deleted',
  'epic_moved_out',
  'epic_not_epic',
  'epic_done_with_open_children',
  'unestimated_children',
  'figures_stale',
] as const
export type AttentionKind = (typeof ATTENTION_KINDS)[number]

export interface AttentionItem {
  kind: AttentionKind
  severity: 'danger' | 'warning'
  initiative: { id: string; name: string } | null
  epic: { id: string; key: string; summary: string } | null
  sentence: string
}

export interface EpicFacts {
  id: string
  key: string
  summary: string
  state: EpicState
  /** Done in Jira while children are open. */
  doneWithOpenChildren: boolean
  children: number
  openChildren: number
  unestimated: number
  /** When its figures were read, if the last sync could not refresh them; null when fresh. */
  staleReadAt: string | null
}

export interface InitiativeAttentionFacts {
  id: string
  name: string
  stage: string
  /** Go-live, `YYYY-MM-DD`. */
  targetDate: string | null
  /** Child issues, and how many are open, across its epics. */
  children: number
  openChildren: number
  basis: Basis
  forecast: Forecast | null
  epics: readonly EpicFacts[]
}

export interface AttentionFacts {
  /** `YYYY-MM-DD`. */
  today: string
  /** The connection's health when it is not healthy (null when healthy, not read yet, or absent). */
  unhealthy: { health: string; message: string } | null
  /** Initiatives in this stage are done. */
  doneStage: string | null
  initiatives: readonly InitiativeAttentionFacts[]
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** "28 Feb 2027". */
export function formatDay(day: string): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`)
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

const unitOf = (basis: Basis, n: number) => (basis === 'points' ? plural(n, 'story point') : plural(n, 'child issue'))
/** Severe unreadability: nothing will change until someone acts. */
const BLOCKING = new Set(['token_rejected', 'forbidden', 'unreachable'])

function forecastItem(initiative: InitiativeAttentionFacts): AttentionItem | null {
  const f = initiative.forecast
  if (!f || (f.suggestion !== 'at_risk' && f.suggestion !== 'off_track') || !f.goLive || !f.weeklyThroughput) return null
  const { slowest, fastest } = f.weeklyThroughput
  const pace = slowest === fastest ? `${unitOf(initiative.basis, fastest)} a week` : `${slowest}–${fastest} ${initiative.basis === 'points' ? 'story points' : 'child issues'} a week`
  const [early, late] = f.completesBetween ?? [f.earliestCompletion!, null]
  const when = late === null ? `on ${formatDay(early)} at the earliest` : early === late ? `on ${formatDay(early)}` : `between ${formatDay(early)} and ${formatDay(late)}`
  const weeks = plural(f.recentWeeks.length, 'week')
  const sentence =
    f.suggestion === 'off_track'
      ? `At the pace of the last ${weeks} (${pace}), ${initiative.name} completes ${when}, after its go-live on ${formatDay(f.goLive)}: ${unitOf(initiative.basis, f.remaining)} remain.`
      : `${initiative.name} makes its go-live on ${formatDay(f.goLive)} only at its faster weeks: at the pace of the last ${weeks} (${pace}) it completes ${when}.`
  return { kind: f.suggestion === 'off_track' ? 'forecast_off_track' : 'forecast_at_risk', severity: f.suggestion === 'off_track' ? 'danger' : 'warning', initiative: { id: initiative.id, name: initiative.name }, epic: null, sentence }
}

function epicItems(initiative: InitiativeAttentionFacts): AttentionItem[] {
  const items: AttentionItem[] = []
  const where = { id: initiative.id, name: initiative.name }
  for (const epic of initiative.epics) {
    const named = `${epic.key}${epic.summary ? ` “${epic.summary}”` : ''}`
    const add = (kind: AttentionKind, severity: AttentionItem['severity'], sentence: string) =>
      items.push({ kind, severity, initiative: where, epic: { id: epic.id, key: epic.key, summary: epic.summary }, sentence })
    if (epic.state === 'deleted') add('epic_deleted', 'danger', `${named} was deleted in Jira, or the connection’s account can no longer see it: ${initiative.name} still counts its last figures.`)
    else if (epic.state === 'moved_out') add('epic_moved_out', 'warning', `${named} moved to a Jira project that is not linked to this portfolio: ${initiative.name} shows its last figures.`)
    else if (epic.state === 'not_epic') add('epic_not_epic', 'warning', `${named} is no longer an epic in Jira: ${initiative.name} shows its last figures.`)
    if (epic.doneWithOpenChildren) add('epic_done_with_open_children', 'warning', `${named} is Done in Jira while ${epic.openChildren} of its ${plural(epic.children, 'child issue')} are open.`)
    if (initiative.basis === 'points' && epic.unestimated > 0) {
      add('unestimated_children', 'warning', `${named} has ${plural(epic.unestimated, 'child issue')} without an estimate: the story points of ${initiative.name} leave their work out.`)
    }
  }
  return items
}

export function attentionItems(facts: AttentionFacts): AttentionItem[] {
  const items: AttentionItem[] = []
  if (facts.unhealthy) {
    items.push({ kind: 'connection_unhealthy', severity: BLOCKING.has(facts.unhealthy.health) ? 'danger' : 'warning', initiative: null, epic: null, sentence: `Jira cannot be read: ${facts.unhealthy.message}` })
  }
  for (const initiative of facts.initiatives) {
    const done = facts.doneStage !== null && initiative.stage === facts.doneStage
    const pastGoLive = !done && initiative.targetDate !== null && initiative.targetDate < facts.today
    if (pastGoLive) {
      const open = initiative.children > 0 ? `, with ${initiative.openChildren} of ${plural(initiative.children, 'child issue')} open` : ''
      items.push({
        kind: 'past_go_live',
        severity: 'danger',
        initiative: { id: initiative.id, name: initiative.name },
        epic: null,
        sentence: `${initiative.name} passed its go-live on ${formatDay(initiative.targetDate!)} and is still in ${initiative.stage}${open}.`,
      })
    }
    // Past go-live says it all; a forecast after that date adds nothing.
    const forecast = done || pastGoLive ? null : forecastItem(initiative)
    if (forecast) items.push(forecast)
    if (!done) items.push(...epicItems(initiative))
    // An unreadable connection makes every figure stale: one item says so, not one per initiative.
    // Epics Jira no longer shows are stale by nature: their own items say so.
    const stale = initiative.epics.filter((e) => e.state === 'ok' && e.staleReadAt !== null).map((e) => e.staleReadAt!).sort()
    if (!facts.unhealthy && stale.length > 0) {
      items.push({
        kind: 'figures_stale',
        severity: 'warning',
        initiative: { id: initiative.id, name: initiative.name },
        epic: null,
        sentence: `Some Jira figures of ${initiative.name} are stale: the last sync could not refresh them (the oldest were read on ${formatDay(stale[0]!)}).`,
      })
    }
  }
  const rank = (item: AttentionItem) => (item.severity === 'danger' ? 0 : 1) * 100 + ATTENTION_KINDS.indexOf(item.kind)
  return items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => rank(a.item) - rank(b.item) || (a.item.initiative?.name ?? '').localeCompare(b.item.initiative?.name ?? '') || a.order - b.order)
    .map(({ item }) => item)
}
