// Which parent an issue may have, as Jira enforces it: epics have none here, standard issues may have
// an epic (in any project), sub-tasks must have a standard issue of their own project.
import type { IssueKind } from '../types.js'
import type { IssueRecord, IssueTypeRecord, ProjectRecord } from './records.js'

export function checkParent(
  project: ProjectRecord,
  kind: IssueKind,
  parent: IssueRecord | null,
  typeOf: (record: IssueRecord) => IssueTypeRecord,
): void {
  if (kind === 'subtask') {
    if (!parent) throw new Error('A sub-task needs a parent')
    if (typeOf(parent).hierarchyLevel !== 0)
      throw new Error('The parent of a sub-task must be a standard issue')
    if (parent.projectId !== project.id)
      throw new Error('A sub-task must be in its parent’s project')
    return
  }
  if (!parent) return
  if (kind === 'epic') throw new Error('An epic cannot have a parent here')
  if (typeOf(parent).hierarchyLevel !== 1)
    throw new Error(`The parent of a ${kind} must be an epic`)
}
