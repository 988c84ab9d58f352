/**
 * @module
 * What differs from one Jira site to another and must be looked up, not assumed: which
 * fields hold story points and which issue types are epics (their names are localized).
 */
import type { JiraField, JiraIssueType } from './schemas.js'

const STORY_POINTS_TYPE = 'com.pyxis.greenhopper.jira:jsw-story-points'
const STORY_POINT_NAMES = new Set(['story points', 'story point estimate'])

/**
 * The story-points fields, best first: Jira Software's own story-points type, then number
 * fields named "Story Points" or "Story point estimate". A site may have both kinds (company-
 * and team-managed projects use different ones), so all are read and the first value wins.
 */
export function storyPointsFieldIds(fields: readonly JiraField[]): string[] {
  const typed = fields.filter((field) => field.schema?.custom === STORY_POINTS_TYPE)
  const named = fields.filter(
    (field) =>
      field.schema?.type === 'number' &&
      field.schema.custom !== STORY_POINTS_TYPE &&
      STORY_POINT_NAMES.has(field.name.trim().toLowerCase()),
  )
  return [...typed, ...named].map((field) => field.id)
}

/** Issue types one level above standard issues (`hierarchyLevel` 1): epics, whatever their name. */
export function epicTypeIds(types: readonly JiraIssueType[]): string[] {
  return types.filter((type) => type.hierarchyLevel === 1).map((type) => type.id)
}

export interface SiteFacts {
  storyPointsFieldIds: string[]
  epicTypeIds: string[]
}
