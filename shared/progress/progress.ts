/**
 * @module
 * Epic progress maths, with no I/O (DESIGN.md, "Epic progress"): an epic's child issues by
 * status category, the share done by count and by story points, and an initiative's
 * roll-up over its epics. Sub-tasks are never passed in: they are not children of epics.
 */
import type { StatusCategoryKey } from '../jira/schemas.js'

export interface ChildForProgress {
  statusCategory: StatusCategoryKey
  /** Null when the child has no estimate. */
  storyPoints: number | null
}

export interface CategoryCounts {
  todo: number
  inProgress: number
  done: number
  total: number
}

export interface PointsProgress {
  /** Sum of the estimates of estimated children, by category. */
  todo: number
  inProgress: number
  done: number
  total: number
  /** Children without an estimate: the points figure leaves their work out. */
  unestimated: number
  /** Whole percent of estimated points done; null when nothing is estimated. */
  percentDone: number | null
}

export interface EpicProgress {
  children: CategoryCounts
  /** Whole percent of children done; null when the epic has no children (show its own status). */
  percentDone: number | null
  /** Null when the site has no story-points field. */
  points: PointsProgress | null
  /** The epic is Done in Jira while children are still open. */
  doneWithOpenChildren: boolean
}

export interface EpicProgressInput {
  epicStatusCategory: StatusCategoryKey
  children: readonly ChildForProgress[]
  /** Whether the site has a story-points field at all. */
  hasStoryPoints: boolean
}

/**
 * Whole percent, rounded down so that 99.6 % never shows as 100 % while work remains;
 * null when there is nothing to divide.
 */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null
  if (part >= whole) return 100
  return Math.floor((part / whole) * 100 + 1e-9)
}

/** Story points are often fractional (0.5); keep sums free of floating-point dust. */
function roundPoints(value: number): number {
  return Math.round(value * 1000) / 1000
}

function emptyCounts(): CategoryCounts {
  return { todo: 0, inProgress: 0, done: 0, total: 0 }
}

function addToCounts(counts: CategoryCounts, category: StatusCategoryKey, amount: number): void {
  if (category === 'done') counts.done += amount
  else if (category === 'indeterminate') counts.inProgress += amount
  else counts.todo += amount
  counts.total += amount
}

export function computeEpicProgress(input: EpicProgressInput): EpicProgress {
  const children = emptyCounts()
  const points = emptyCounts()
  let unestimated = 0
  for (const child of input.children) {
    addToCounts(children, child.statusCategory, 1)
    if (child.storyPoints === null) unestimated++
    else addToCounts(points, child.statusCategory, child.storyPoints)
  }
  return epicProgressFromTotals({
    epicStatusCategory: input.epicStatusCategory,
    children,
    points: input.hasStoryPoints ? { ...points, unestimated } : null,
  })
}

export interface EpicTotals {
  epicStatusCategory: StatusCategoryKey
  children: CategoryCounts
  /** Estimated points by category plus the count of unestimated children; null without a points field. */
  points: (CategoryCounts & { unestimated: number }) | null
}

/**
 * The same figures from totals already summed (the portal sums stored children in SQL):
 * one place decides percentages and flags, whichever way the counting was done.
 */
export function epicProgressFromTotals(totals: EpicTotals): EpicProgress {
  const { children } = totals
  return {
    children: { ...children },
    percentDone: percent(children.done, children.total),
    points: totals.points ? pointsProgress(totals.points, totals.points.unestimated) : null,
    doneWithOpenChildren: totals.epicStatusCategory === 'done' && children.done < children.total,
  }
}

function pointsProgress(points: CategoryCounts, unestimated: number): PointsProgress {
  const rounded = {
    todo: roundPoints(points.todo),
    inProgress: roundPoints(points.inProgress),
    done: roundPoints(points.done),
    total: roundPoints(points.total),
  }
  return { ...rounded, unestimated, percentDone: percent(rounded.done, rounded.total) }
}

export interface RollUp {
  epics: number
  /** Epics that have no children, so count nowhere in the figures. */
  epicsWithoutChildren: number
  children: CategoryCounts
  percentDone: number | null
  points: PointsProgress | null
  /** Epics marked Done in Jira while children are still open. */
  epicsDoneWithOpenChildren: number
}

/** An initiative's figures: the children of all its epics, summed. */
export function rollUp(epics: readonly EpicProgress[]): RollUp {
  const children = emptyCounts()
  const points = emptyCounts()
  let unestimated = 0
  let anyPoints = false
  let withoutChildren = 0
  let doneWithOpen = 0
  for (const epic of epics) {
    children.todo += epic.children.todo
    children.inProgress += epic.children.inProgress
    children.done += epic.children.done
    children.total += epic.children.total
    if (epic.children.total === 0) withoutChildren++
    if (epic.doneWithOpenChildren) doneWithOpen++
    if (epic.points) {
      anyPoints = true
      points.todo += epic.points.todo
      points.inProgress += epic.points.inProgress
      points.done += epic.points.done
      points.total += epic.points.total
      unestimated += epic.points.unestimated
    }
  }
  return {
    epics: epics.length,
    epicsWithoutChildren: withoutChildren,
    children,
    percentDone: percent(children.done, children.total),
    points: anyPoints ? pointsProgress(points, unestimated) : null,
    epicsDoneWithOpenChildren: doneWithOpen,
  }
}
