// What every sandbox site has: status categories, the workflow's statuses, issue types and field ids.
import type { IssueKind, StatusCategoryKey } from '../types.js'

export interface StatusCategoryDef {
  id: number
  key: StatusCategoryKey
  name: string
  colorName: string
}

// Ids, keys and colours as Jira Cloud ships them (the OpenAPI example's keys are wrong, see its README).
export const STATUS_CATEGORIES: Record<StatusCategoryKey, StatusCategoryDef> = {
  new: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, key: 'done', name: 'Done', colorName: 'green' },
}

export interface StatusTemplate {
  name: string
  category: StatusCategoryKey
  description: string
  /** Id of the shared status company-managed projects use. */
  globalId: string
}

export const STATUS_TEMPLATES: readonly StatusTemplate[] = [
  {
    name: 'To Do',
    category: 'new',
    description: 'Work that has not been started.',
    globalId: '10000',
  },
  {
    name: 'In Progress',
    category: 'indeterminate',
    description: 'Work in progress.',
    globalId: '3',
  },
  {
    name: 'In Review',
    category: 'indeterminate',
    description: 'Waiting for review.',
    globalId: '10001',
  },
  { name: 'Done', category: 'done', description: 'Work that is finished.', globalId: '10002' },
  {
    name: "Won't Do",
    category: 'done',
    description: 'Work that will not be done.',
    globalId: '10003',
  },
]

export interface IssueTypeTemplate {
  kind: IssueKind
  name: string
  hierarchyLevel: number
  description: string
  avatarId: number
  /** Id of the shared type company-managed projects use. */
  globalId: string
}

export const ISSUE_TYPE_TEMPLATES: readonly IssueTypeTemplate[] = [
  {
    kind: 'epic',
    name: 'Epic',
    hierarchyLevel: 1,
    description: 'Epics track collections of related bugs, stories, and tasks.',
    avatarId: 10307,
    globalId: '10000',
  },
  {
    kind: 'story',
    name: 'Story',
    hierarchyLevel: 0,
    description: 'Stories track functionality or features expressed as user goals.',
    avatarId: 10315,
    globalId: '10001',
  },
  {
    kind: 'task',
    name: 'Task',
    hierarchyLevel: 0,
    description: 'Tasks track small, distinct pieces of work.',
    avatarId: 10318,
    globalId: '10002',
  },
  {
    kind: 'bug',
    name: 'Bug',
    hierarchyLevel: 0,
    description: 'Bugs track problems or errors.',
    avatarId: 10303,
    globalId: '10003',
  },
  {
    kind: 'subtask',
    name: 'Subtask',
    hierarchyLevel: -1,
    description: 'Subtasks track small pieces of work that are part of a larger task.',
    avatarId: 10316,
    globalId: '10004',
  },
]

/** Project-scoped issue type and status ids start above the global ones. */
export const FIRST_SCOPED_TYPE_ID = 10005
export const FIRST_SCOPED_STATUS_ID = 10004
export const FIRST_PROJECT_ID = 10000
export const FIRST_ISSUE_ID = 10001

// Two different story-point fields, as on real sites: team-managed projects use the
// "Story point estimate" field, company-managed ones a number field named "Story Points".
export const TEAM_STORY_POINTS_FIELD = 'customfield_10016'
export const CLASSIC_STORY_POINTS_FIELD = 'customfield_10028'
export const RANK_FIELD = 'customfield_10019'
export const SPRINT_FIELD = 'customfield_10020'
export const START_DATE_FIELD = 'customfield_10015'

export const MEDIUM_PRIORITY = { id: '3', name: 'Medium', icon: 'medium.svg' }
export const DONE_RESOLUTION = {
  id: '10000',
  name: 'Done',
  description: 'Work has been completed on this issue.',
}
