// Labelled form fields with hints and errors wired up for screen readers, and the CSRF field every form sends.
import type { Child, FC, PropsWithChildren } from 'hono/jsx'
import { CSRF_FORM_FIELD } from '../../auth/csrf.js'
import type { FormState } from '../page-forms.js'

export const CsrfField: FC<{ token: string }> = ({ token }) =>
  token ? <input type="hidden" name={CSRF_FORM_FIELD} value={token} /> : null

interface FieldProps {
  name: string
  label: string
  form?: FormState | undefined
  /** The value when the form has not been posted yet. */
  value?: string | null | undefined
  hint?: Child
  required?: boolean
  /** Unique per page when the same form appears twice (a dialog and a page). */
  idPrefix?: string
}

const ids = (props: FieldProps) => {
  const id = `${props.idPrefix ?? 'f'}-${props.name}`
  return { id, hintId: `${id}-hint`, errorId: `${id}-error` }
}

const describedBy = (props: FieldProps, error: string | undefined) => {
  const { hintId, errorId } = ids(props)
  return [props.hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
}

const FieldFrame: FC<PropsWithChildren<FieldProps & { error: string | undefined }>> = (props) => {
  const { id, hintId, errorId } = ids(props)
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required ? null : <span class="optional"> (optional)</span>}
      </label>
      {props.hint ? <p class="hint" id={hintId}>{props.hint}</p> : null}
      {props.error ? <p class="field-error" id={errorId}>{props.error}</p> : null}
      {props.children}
    </div>
  )
}

const valueOf = (props: FieldProps) => props.form?.values[props.name] ?? props.value ?? ''

export const TextField: FC<FieldProps & { type?: string; autocomplete?: string; placeholder?: string; maxlength?: number; autofocus?: boolean }> = (props) => {
  const error = props.form?.errors[props.name]
  return (
    <FieldFrame {...props} error={error}>
      <input
        id={ids(props).id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? '' : valueOf(props)}
        required={props.required ?? false}
        autocomplete={props.autocomplete}
        placeholder={props.placeholder}
        maxlength={props.maxlength}
        autofocus={props.autofocus ?? false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props, error)}
      />
    </FieldFrame>
  )
}

export const TextAreaField: FC<FieldProps & { rows?: number; maxlength?: number }> = (props) => {
  const error = props.form?.errors[props.name]
  return (
    <FieldFrame {...props} error={error}>
      <textarea
        id={ids(props).id}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxlength}
        required={props.required ?? false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props, error)}
      >
        {valueOf(props)}
      </textarea>
    </FieldFrame>
  )
}

export interface Option {
  value: string
  label: string
}

export const SelectField: FC<FieldProps & { options: Option[] }> = (props) => {
  const error = props.form?.errors[props.name]
  const selected = valueOf(props)
  return (
    <FieldFrame {...props} error={error}>
      <select
        id={ids(props).id}
        name={props.name}
        required={props.required ?? false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props, error)}
      >
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === selected}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}

/** The form's overall problem, announced when the page loads after a failed post. */
export const ErrorSummary: FC<{ form?: FormState | undefined }> = ({ form }) => {
  if (!form) return null
  const fieldCount = Object.keys(form.errors).length
  if (!form.message && fieldCount === 0) return null
  return (
    <div class="alert alert-error" role="alert">
      <p>{form.message ?? (fieldCount === 1 ? 'One field needs your attention.' : `${fieldCount} fields need your attention.`)}</p>
    </div>
  )
}

/** A submit button that shows `busy` (and a spinner) while the post is under way. */
export const SubmitButton: FC<PropsWithChildren<{ busy?: string; kind?: 'primary' | 'danger' | 'secondary'; name?: string; value?: string; id?: string }>> = (props) => (
  <button
    type="submit"
    class={`button button-${props.kind ?? 'primary'}`}
    data-busy={props.busy}
    name={props.name}
    value={props.value}
    id={props.id}
  >
    {props.children}
  </button>
)
