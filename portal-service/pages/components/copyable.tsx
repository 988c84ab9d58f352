// A value someone must paste elsewhere (a URL, a secret, a JQL filter): shown in full, selectable, with a Copy button where scripts run.
import type { FC } from 'hono/jsx'

export const Copyable: FC<{ id: string; value: string; label: string }> = ({ id, value, label }) => (
  <span class="copyable-row">
    <code id={id} class="copyable">
      {value}
    </code>{' '}
    <button type="button" class="button button-small button-secondary" data-copy={id} data-copy-label={label} aria-label={`Copy the ${label.toLowerCase()}`} hidden>
      Copy
    </button>
  </span>
)
