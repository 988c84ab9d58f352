// The bench's workload (issue 7): the "large portfolio" and its scaled variants, as pure data.
import type { DatasetSpec } from '../jira-sandbox/index.js'

/** Fixed latency the sandbox adds to every Jira request during measurements (issue 7). */
export const JIRA_LATENCY_MS = 30

export interface Workload {
  /** Multiplier of the child count: 0.25, 1 or 4. */
  scale: number
  label: string
  projects: number
  initiatives: number
  epics: number
  children: number
  /** Projects on the site in all, for the project picker (issue 7 item 5). */
  siteProjects: number
  /** Epics linked to the first initiative (the detail route reads it). */
  epicsOnFirstInitiative: number
}

const BASE = { projects: 20, initiatives: 400, epics: 2_000, children: 40_000, siteProjects: 5_000 }

export function workload(scale: number): Workload {
  return {
    scale,
    label: scale === 1 ? '1x' : scale === 0.25 ? '1/4x' : `${scale}x`,
    ...BASE,
    children: Math.round(BASE.children * scale),
    epicsOnFirstInitiative: 20,
  }
}

/** Splits `total` over `weights` in whole numbers that sum exactly to `total` (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum === 0) return weights.map(() => 0)
  const exact = weights.map((w) => (w / sum) * total)
  const counts = exact.map(Math.floor)
  let left = total - counts.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of order) {
    if (left-- <= 0) break
    counts[i]! += 1
  }
  return counts
}

/**
 * Children per epic at scale 1, uneven on purpose: every fourth epic has none (the sandbox's own
 * convention), every fiftieth has 500, and the rest share the remainder with 1 to 27 weights.
 */
export function baseChildCounts(epics = BASE.epics, children = BASE.children): number[] {
  const big = 500
  const kinds = Array.from({ length: epics }, (_, i) => (i % 4 === 3 ? 'empty' : i % 50 === 0 ? 'big' : 'small'))
  const bigTotal = kinds.filter((k) => k === 'big').length * big
  const smallWeights = kinds.map((k, i) => (k === 'small' ? 1 + ((i * 7919) % 27) : 0))
  const small = apportion(children - bigTotal, smallWeights)
  return kinds.map((k, i) => (k === 'empty' ? 0 : k === 'big' ? big : small[i]!))
}

/** Children per epic for `w`: the base shape scaled, summing exactly to `w.children`. */
export function childCounts(w: Workload): number[] {
  return apportion(w.children, baseChildCounts(w.epics))
}

/** The sandbox dataset for `w`: its projects hold every epic, and extra projects fill the site. */
export function datasetFor(w: Workload): Partial<DatasetSpec> {
  const counts = childCounts(w)
  return {
    projects: w.projects,
    teamManagedEvery: 2,
    epicsPerProject: w.epics / w.projects,
    childrenPerEpic: (epicIndex: number) => counts[epicIndex] ?? 0,
    subtasksPerChild: 0,
    storyPoints: true,
    extraProjects: w.siteProjects - w.projects,
    names: 'generated',
  }
}

/**
 * Jira calls a perfect reader needs: every child and every epic read once at the largest page
 * the sandbox allows for the fields asked (100, as Jira: search/jql and bulkfetch alike).
 */
export function lowerBoundCalls(w: Workload, pageSize = 100): number {
  return Math.ceil(w.children / pageSize) + Math.ceil(w.epics / pageSize)
}

/** The naive reader's pages: one search per epic, so at least one page even for an empty epic. */
export function naivePages(w: Workload, pageSize = 100): number {
  return childCounts(w).reduce((sum, n) => sum + Math.max(1, Math.ceil(n / pageSize)), 0)
}
