// A posted project picker: the search, the page asked for, what is ticked, and whether it was submitted.
import type { PickerResults, PickerState } from './components/project-picker.js'
import { selectedFrom } from './components/project-picker.js'
import type { PostedForm } from './page-forms.js'

export const PICKER_PAGE_SIZE = 50

export interface PickerInput {
  /** Save (wizard) or Done (+Link Projects); otherwise a search or a page turn. */
  submitted: boolean
  query: string
  startAt: number
  selected: PickerState['selected']
}

export function pickerInput(posted: PostedForm | null): PickerInput {
  if (!posted) return { submitted: false, query: '', startAt: 0, selected: [] }
  const startAt = Number.parseInt(posted.text('startAt'), 10)
  return {
    submitted: posted.text('intent') === 'save',
    query: posted.text('q').trim().slice(0, 200),
    startAt: Number.isFinite(startAt) && startAt > 0 ? startAt : 0,
    selected: selectedFrom(posted.list('projectKeys'), posted.list('projectLabels')),
  }
}

/** A page of Jira's project search as the picker shows it. */
export function pickerResults(page: { projects: { key: string; name: string; avatarUrl: string | null; linked: boolean }[]; startAt: number; total: number | null; isLast: boolean }): PickerResults {
  return {
    projects: page.projects.map((p) => ({ key: p.key, name: p.name, avatarUrl: p.avatarUrl, linked: p.linked })),
    startAt: page.startAt,
    total: page.total,
    isLast: page.isLast,
    pageSize: PICKER_PAGE_SIZE,
  }
}
