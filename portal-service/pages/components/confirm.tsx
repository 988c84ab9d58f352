// Confirmation boxes: a <dialog> where JavaScript runs, the same content as a page where it does not.
import type { Child, FC, PropsWithChildren } from 'hono/jsx'
import { CsrfField, SubmitButton } from './form-controls.js'

interface ConfirmProps {
  id: string
  title: string
  /** Where the confirmed POST goes. */
  action: string
  confirmLabel: string
  csrfToken: string
  busy?: string
  hidden?: Record<string, string>
  danger?: boolean
}

const ConfirmForm: FC<PropsWithChildren<ConfirmProps & { cancel: Child }>> = (props) => (
  <form method="post" action={props.action} class="confirm-form">
    <CsrfField token={props.csrfToken} />
    {Object.entries(props.hidden ?? {}).map(([name, value]) => (
      <input type="hidden" name={name} value={value} />
    ))}
    <h2 id={`${props.id}-title`}>{props.title}</h2>
    <div id={`${props.id}-body`} class="confirm-body">
      {props.children}
    </div>
    <div class="actions">
      {props.cancel}
      <SubmitButton kind={props.danger === false ? 'primary' : 'danger'} busy={props.busy}>
        {props.confirmLabel}
      </SubmitButton>
    </div>
  </form>
)

/**
 * A modal confirmation, opened by a trigger with `data-dialog={id}`. Cancel takes the focus
 * first, so Enter never confirms a destructive action by accident; Escape closes it.
 */
export const ConfirmDialog: FC<PropsWithChildren<ConfirmProps>> = (props) => (
  <dialog id={props.id} class="dialog" aria-labelledby={`${props.id}-title`} aria-describedby={`${props.id}-body`}>
    <ConfirmForm
      {...props}
      cancel={
        <button type="button" class="button button-secondary" data-close-dialog autofocus>
          Cancel
        </button>
      }
    >
      {props.children}
    </ConfirmForm>
  </dialog>
)

/** The same confirmation as a page of its own, reached by the trigger's link when JavaScript is off. */
export const ConfirmPanel: FC<PropsWithChildren<ConfirmProps & { cancelHref: string }>> = (props) => (
  <section class="card confirm-panel" aria-labelledby={`${props.id}-title`}>
    <ConfirmForm
      {...props}
      cancel={
        <a class="button button-secondary" href={props.cancelHref}>
          Cancel
        </a>
      }
    >
      {props.children}
    </ConfirmForm>
  </section>
)

/** The link that opens dialog `dialogId`, or without JavaScript goes to the confirmation page `href`. */
export const DialogTrigger: FC<PropsWithChildren<{ dialogId: string; href: string; class?: string; label?: string }>> = (props) => (
  <a
    href={props.href}
    class={props.class ?? 'button button-secondary'}
    data-dialog={props.dialogId}
    aria-haspopup="dialog"
    aria-label={props.label}
  >
    {props.children}
  </a>
)
