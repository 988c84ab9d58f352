// The fields the site has, as `GET /rest/api/3/field` lists them. Issues can carry each of these.
import {
  CLASSIC_STORY_POINTS_FIELD,
  RANK_FIELD,
  SPRINT_FIELD,
  START_DATE_FIELD,
  TEAM_STORY_POINTS_FIELD,
} from '../model/catalog.js'

interface FieldDef {
  id: string
  name: string
  schema?: { type: string; items?: string; system?: string; custom?: string; customId?: number }
  clauseNames: string[]
  orderable: boolean
  navigable: boolean
  searchable: boolean
}

function system(
  id: string,
  name: string,
  type: string,
  extra: Partial<FieldDef> & { items?: string } = {},
): FieldDef {
  const { items, ...rest } = extra
  return {
    id,
    name,
    schema: items ? { type, items, system: id } : { type, system: id },
    clauseNames: [id],
    orderable: true,
    navigable: true,
    searchable: true,
    ...rest,
  }
}

function custom(
  id: string,
  name: string,
  type: string,
  customType: string,
  items?: string,
): FieldDef {
  const customId = Number(id.replace('customfield_', ''))
  return {
    id,
    name,
    schema: { type, ...(items ? { items } : {}), custom: customType, customId },
    clauseNames: [`cf[${customId}]`, name],
    orderable: true,
    navigable: true,
    searchable: true,
  }
}

const SYSTEM_FIELDS: FieldDef[] = [
  system('summary', 'Summary', 'string'),
  system('status', 'Status', 'status', { orderable: false }),
  system('issuetype', 'Issue Type', 'issuetype', { clauseNames: ['issuetype', 'type'] }),
  system('parent', 'Parent', 'issuelink', { searchable: false }),
  system('project', 'Project', 'project', { orderable: false }),
  system('assignee', 'Assignee', 'user'),
  system('reporter', 'Reporter', 'user'),
  system('creator', 'Creator', 'user', { orderable: false }),
  system('priority', 'Priority', 'priority'),
  system('labels', 'Labels', 'array', { items: 'string' }),
  system('created', 'Created', 'datetime', {
    clauseNames: ['created', 'createdDate'],
    orderable: false,
  }),
  system('updated', 'Updated', 'datetime', {
    clauseNames: ['updated', 'updatedDate'],
    orderable: false,
  }),
  system('statuscategorychangedate', 'Status Category Changed', 'datetime', {
    orderable: false,
    clauseNames: ['statusCategoryChangedDate'],
  }),
  system('resolution', 'Resolution', 'resolution'),
  system('resolutiondate', 'Resolved', 'datetime', {
    orderable: false,
    clauseNames: ['resolutiondate', 'resolved'],
  }),
  system('description', 'Description', 'string'),
  system('subtasks', 'Sub-tasks', 'array', {
    items: 'issuelinks',
    orderable: false,
    searchable: false,
    clauseNames: ['subtasks'],
  }),
  {
    id: 'issuekey',
    name: 'Key',
    clauseNames: ['id', 'issue', 'issuekey', 'key'],
    orderable: false,
    navigable: true,
    searchable: false,
  },
]

const COMMON_CUSTOM_FIELDS: FieldDef[] = [
  custom(
    START_DATE_FIELD,
    'Start date',
    'date',
    'com.atlassian.jira.plugin.system.customfieldtypes:datepicker',
  ),
  custom(RANK_FIELD, 'Rank', 'any', 'com.pyxis.greenhopper.jira:gh-lexo-rank'),
  custom(SPRINT_FIELD, 'Sprint', 'array', 'com.pyxis.greenhopper.jira:gh-sprint', 'json'),
]

const STORY_POINT_FIELDS: FieldDef[] = [
  custom(
    TEAM_STORY_POINTS_FIELD,
    'Story point estimate',
    'number',
    'com.pyxis.greenhopper.jira:jsw-story-points',
  ),
  custom(
    CLASSIC_STORY_POINTS_FIELD,
    'Story Points',
    'number',
    'com.atlassian.jira.plugin.system.customfieldtypes:float',
  ),
]

export function fieldDefs(storyPoints: boolean): FieldDef[] {
  return [...SYSTEM_FIELDS, ...COMMON_CUSTOM_FIELDS, ...(storyPoints ? STORY_POINT_FIELDS : [])]
}

export function fieldListJson(storyPoints: boolean) {
  return fieldDefs(storyPoints).map((f) => {
    const isCustom = f.id.startsWith('customfield_')
    return {
      id: f.id,
      key: f.id,
      name: f.name,
      ...(isCustom ? { untranslatedName: f.name } : {}),
      custom: isCustom,
      orderable: f.orderable,
      navigable: f.navigable,
      searchable: f.searchable,
      clauseNames: f.clauseNames,
      ...(f.schema ? { schema: f.schema } : {}),
    }
  })
}

/** Ids that can appear in `fields` (issuekey is the key itself, never a field value). */
export function valueFieldIds(storyPoints: boolean): string[] {
  return fieldDefs(storyPoints)
    .filter((f) => f.id !== 'issuekey')
    .map((f) => f.id)
}
