// The initiative's fields, for creating one and for editing it: name, description, stage, status, owner, dates.
import type { FC } from 'hono/jsx'
import { STATUSES } from '../../initiatives/initiative.table.js'
import type { InitiativeView } from '../../initiatives/initiative.service.js'
import type { MemberView } from '../../memberships/membership.service.js'
import type { FormState } from '../page-forms.js'
import { CsrfField, ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField } from './form-controls.js'
import { STATUS_LABELS } from './lozenge.js'

interface Props {
  action: string
  csrfToken: string
  stages: string[]
  members: MemberView[]
  initiative?: InitiativeView | undefined
  form?: FormState | undefined
  submitLabel: string
  /** Distinguishes field ids when the form is on the page twice (dialog and page). */
  idPrefix: string
}

export const InitiativeForm: FC<Props> = ({ action, csrfToken, stages, members, initiative, form, submitLabel, idPrefix }) => (
  <form method="post" action={action} class="form-grid">
    <CsrfField token={csrfToken} />
    {initiative ? <input type="hidden" name="version" value={String(initiative.version)} /> : null}
    <ErrorSummary form={form} />
    <TextField name="name" label="Name" required maxlength={200} value={initiative?.name} form={form} idPrefix={idPrefix} autofocus={!initiative} />
    <TextAreaField name="description" label="Description" rows={3} value={initiative?.description} form={form} idPrefix={idPrefix} />
    <div class="field-row">
      <SelectField
        name="stage"
        label="Stage"
        required
        options={stages.map((stage) => ({ value: stage, label: stage }))}
        value={initiative?.stage ?? stages[0]}
        form={form}
        idPrefix={idPrefix}
      />
      <SelectField
        name="status"
        label="Status"
        required
        options={STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
        value={initiative?.status ?? 'on_track'}
        form={form}
        idPrefix={idPrefix}
      />
    </div>
    <SelectField
      name="ownerId"
      label="Owner"
      hint="A member of this portfolio."
      options={[{ value: '', label: 'No owner' }, ...members.map((m) => ({ value: m.userId, label: `${m.name} (${m.email})` }))]}
      value={initiative?.ownerId ?? ''}
      form={form}
      idPrefix={idPrefix}
    />
    <div class="field-row">
      <TextField name="startDate" label="Start date" type="date" value={initiative?.startDate} form={form} idPrefix={idPrefix} />
      <TextField name="targetDate" label="Go-live date" type="date" hint="After the start date." value={initiative?.targetDate} form={form} idPrefix={idPrefix} />
    </div>
    <div class="actions">
      <SubmitButton busy="Saving…">{submitLabel}</SubmitButton>
    </div>
  </form>
)
