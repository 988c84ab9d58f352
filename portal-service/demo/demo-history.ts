/**
 * @module
 * Twelve weeks of history for the demo, made the way real history is (issue 10, item 5): the
 * sandbox's work is rewound to where it stood twelve weeks ago, the portal is seeded then, and
 * the clock moves a day at a time while people "work in Jira" (children started and finished,
 * scope added, an epic linked mid-way) and the sync engine reads it all. Nothing is written
 * into history tables here. Deterministic: the same seed gives the same story.
 */
import * as epicsService from '../epics/epics.service.js'
import type { AppDeps } from '../http/app-env.js'
import type { IntegrationDeps } from '../jira/integration-deps.js'
import { toActor } from '../users/user.service.js'
import type { SandboxIssue } from '../../test/jira-sandbox/index.js'
import type { MovableClock } from './demo-clock.js'
import type { DemoSite } from './demo-site.js'
import type { SeededDemo } from './seed-demo.js'

export const DEMO_HISTORY_WEEKS = 12
const DAY_MS = 24 * 60 * 60 * 1000
/** How uneven the weeks are: a forecast reads its range from the slowest and the fastest. */
const WEEK_PACE = [1, 0.8, 1.2, 0.9, 1.1, 0.7, 1.2, 1, 0.9, 1.3, 0.8, 1]
/** Children each demo epic is given, so that a week's work is a few issues, not one or none. */
const EPIC_SIZE = 30
const ESTIMATES = [1, 2, 3, 5, 8, 3, 2]

/** Per epic: the share of its children done twelve weeks ago and today. */
interface Plan {
  epic: SandboxIssue
  children: SandboxIssue[]
  startShare: number
  endShare: number
}

export interface DemoHistory {
  plans: Plan[]
  /** Linked to "Customer portal refresh" half-way through: its scope arrives with it. */
  lateEpic: SandboxIssue | null
}

/** Gives `epic` more stories (estimated, not started) until it has `size` children. */
function topUp(site: DemoSite, epic: SandboxIssue, size: number): void {
  const have = standardChildren(site, epic).length
  for (let i = have; i < size; i++) {
    site.sandbox.store.createIssue({ projectKey: epic.projectKey, type: 'story', summary: `${epic.summary}: step ${i + 1}`, parent: epic.key, storyPoints: ESTIMATES[i % ESTIMATES.length]! })
  }
}

const standardChildren = (site: DemoSite, epic: SandboxIssue) =>
  site.sandbox.store
    .children(epic.key)
    .filter((c) => c.hierarchyLevel === 0)
    .sort((a, b) => Number(a.id) - Number(b.id))

function doneAt(plan: Plan, day: number, days: number): number {
  const n = plan.children.length
  const start = Math.round(plan.startShare * n)
  const end = Math.max(start, Math.round(plan.endShare * n))
  // Cumulative pace up to this day: whole weeks, then the share of the current one.
  const total = WEEK_PACE.reduce((a, b) => a + b, 0)
  const week = Math.min(WEEK_PACE.length - 1, Math.floor((day / days) * WEEK_PACE.length))
  const within = (day / days) * WEEK_PACE.length - week
  const reached = WEEK_PACE.slice(0, week).reduce((a, b) => a + b, 0) + WEEK_PACE[week]! * within
  return start + Math.floor(((end - start) * reached) / total + 1e-9)
}

/** Sets `plan`'s children to match `done` finished, the next one started, the rest not begun. */
function applyPlan(site: DemoSite, plan: Plan, done: number): void {
  plan.children.forEach((child, i) => {
    const status = i < done ? 'Done' : i === done ? 'In Progress' : 'To Do'
    if (site.sandbox.store.issue(child.key)?.status !== status) site.sandbox.store.updateIssue(child.key, { status })
  })
}

/**
 * Rewinds the demo epics' work to where it stood twelve weeks ago. Run it before `seedDemo`,
 * with the clocks already twelve weeks back, so the first read sees the past.
 */
export function rewindDemoWork(site: DemoSite): DemoHistory {
  const { epics } = site
  const plan = (epic: SandboxIssue, startShare: number, endShare: number): Plan => {
    topUp(site, epic, EPIC_SIZE)
    return { epic, children: standardChildren(site, epic), startShare, endShare }
  }
  const plans = [
    // Mobile onboarding: steady, well ahead of its go-live.
    plan(epics.plain[0]!, 0.15, 0.75),
    plan(epics.unestimated, 0.1, 0.7),
    // Customer portal refresh: slower, and its scope grows.
    plan(epics.plain[1]!, 0.1, 0.45),
    // Data platform migration: early days.
    plan(epics.plain[2]!, 0, 0.5),
  ]
  const taken = new Set([epics.withoutChildren.key, ...plans.map((p) => p.epic.key), ...epics.plain.map((e) => e.key)])
  const lateEpic = site.sandbox.store.epics('PORTAL').find((e) => !taken.has(e.key) && standardChildren(site, e).length >= 3) ?? null
  if (lateEpic) plans.push(plan(lateEpic, 0.3, 0.6))
  for (const p of plans) {
    // These epics are under way in the story, whatever status the generated data gave them.
    if (site.sandbox.store.issue(p.epic.key)?.statusCategory === 'done') site.sandbox.store.updateIssue(p.epic.key, { status: 'In Progress' })
    applyPlan(site, p, doneAt(p, 0, DEMO_HISTORY_WEEKS * 7))
  }
  // One epic shows what unestimated children do to story points; elsewhere every child is estimated.
  for (const epic of [...plans.map((p) => p.epic), epics.doneWithOpenChildren]) {
    if (epic.key === epics.unestimated.key) continue
    for (const [i, child] of standardChildren(site, epic).entries()) {
      if (child.storyPoints === null) site.sandbox.store.updateIssue(child.key, { storyPoints: ESTIMATES[i % ESTIMATES.length]! })
    }
  }
  site.sandbox.store.flushSearchIndex()
  return { plans, lateEpic }
}

/**
 * Plays the twelve weeks: each simulated day people move work on in the sandbox, and the
 * scheduled sync reads it, exactly as it would every few minutes in production.
 */
export async function playDemoHistory(deps: AppDeps, site: DemoSite, seeded: SeededDemo, clock: MovableClock, history: DemoHistory): Promise<void> {
  const days = DEMO_HISTORY_WEEKS * 7
  const integration: IntegrationDeps = { db: deps.db, clock, log: deps.log, jira: deps.jira, sync: deps.sync }
  const portal = site.epics.plain[1]!
  for (let day = 1; day <= days; day++) {
    clock.advance(DAY_MS)
    for (const plan of history.plans) applyPlan(site, plan, doneAt(plan, day, days))
    // Scope creep on the portal refresh: a new story every ten days.
    if (day % 10 === 0) {
      const added = site.sandbox.store.createIssue({ projectKey: portal.projectKey, type: 'story', summary: `Follow-up from review ${day / 10}`, parent: portal.key, storyPoints: 3 })
      history.plans.find((p) => p.epic.key === portal.key)?.children.push(added)
    }
    if (day === days / 2 && history.lateEpic) {
      await epicsService.linkEpic(integration, toActor(seeded.people.contributor), seeded.digitalBanking, seeded.initiatives['Customer portal refresh']!, history.lateEpic.key)
    }
    site.sandbox.store.flushSearchIndex()
    await deps.sync.syncPortfolio(seeded.digitalBanking, { trigger: 'schedule' })
  }
}
