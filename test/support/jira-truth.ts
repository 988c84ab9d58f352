// What Jira (the sandbox) says an epic's figures are, counted straight from its store.
import type { JiraSandbox } from '../jira-sandbox/index.js'

export interface EpicTruth {
  children: { todo: number; inProgress: number; done: number; total: number }
  pointsDone: number
  pointsTotal: number
  unestimated: number
}

export function truthOf(sandbox: JiraSandbox, epicIdOrKey: string): EpicTruth {
  const children = sandbox.store.children(epicIdOrKey).filter((c) => c.hierarchyLevel === 0)
  const count = (category: string) => children.filter((c) => c.statusCategory === category).length
  const sum = (list: typeof children) => Math.round(list.reduce((total, c) => total + (c.storyPoints ?? 0), 0) * 1000) / 1000
  return {
    children: { todo: count('new'), inProgress: count('indeterminate'), done: count('done'), total: children.length },
    pointsDone: sum(children.filter((c) => c.statusCategory === 'done')),
    pointsTotal: sum(children),
    unestimated: children.filter((c) => c.storyPoints === null).length,
  }
}

/** The figures an API epic shows, in the same shape. */
export function figuresOf(epic: {
  progress: { children: EpicTruth['children']; points: { done: number; total: number; unestimated: number } | null } | null
}): EpicTruth | null {
  if (!epic.progress) return null
  return {
    children: epic.progress.children,
    pointsDone: epic.progress.points?.done ?? 0,
    pointsTotal: epic.progress.points?.total ?? 0,
    unestimated: epic.progress.points?.unestimated ?? 0,
  }
}
