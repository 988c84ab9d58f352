// Status lozenges: Jira status categories, initiative status, connection health and member roles.
import type { FC } from 'hono/jsx'
import type { HealthState } from '../../jira/jira-connection.table.js'
import type { Status } from '../../initiatives/initiative.table.js'
import type { Role } from '../../memberships/membership.table.js'

const CATEGORY_CLASS: Record<string, string> = { new: 'lozenge-todo', indeterminate: 'lozenge-progress', done: 'lozenge-done' }

/** A Jira status in its category's colour, as Jira shows it. */
export const JiraStatus: FC<{ name: string; category: string }> = ({ name, category }) => (
  <span class={`lozenge ${CATEGORY_CLASS[category] ?? 'lozenge-todo'}`}>{name}</span>
)

export const STATUS_LABELS: Record<Status, string> = { on_track: 'On Track', at_risk: 'At Risk', off_track: 'Off Track' }

export const InitiativeStatus: FC<{ status: Status }> = ({ status }) => (
  <span class={`lozenge lozenge-${status.replace('_', '-')}`}>{STATUS_LABELS[status]}</span>
)

const HEALTH_LABELS: Record<HealthState, string> = {
  unknown: 'Not read yet',
  ok: 'Healthy',
  token_rejected: 'Token rejected',
  forbidden: 'No permission',
  unreachable: 'Unreachable',
  unavailable: 'Jira unavailable',
  rate_limited: 'Rate limited',
  not_understood: 'Unexpected answer',
}

export const HealthLozenge: FC<{ status: string }> = ({ status }) => {
  const label = HEALTH_LABELS[status as HealthState] ?? status
  const tone = status === 'ok' ? 'lozenge-done' : status === 'unknown' ? 'lozenge-todo' : 'lozenge-off-track'
  return <span class={`lozenge ${tone}`}>{label}</span>
}

export const ROLE_LABELS: Record<Role, string> = { manager: 'Manager', contributor: 'Contributor', viewer: 'Viewer' }

/** The role, and "External" when the member belongs to another company (they change nothing). */
export const RoleBadge: FC<{ role: Role | null; external: boolean }> = ({ role, external }) => (
  <>
    {role ? <span class="badge">{ROLE_LABELS[role]}</span> : null}
    {external ? <span class="badge badge-external">External</span> : null}
  </>
)
