// The Forge app's web trigger URL and secret, as a Jira admin copies them from the app's admin page.
import type { FC } from 'hono/jsx'
import type { FormState } from '../page-forms.js'
import { TextField } from './form-controls.js'

export const FORGE_ADMIN_PAGE_HINT = 'In Jira: Settings (gear) › Apps › Portfolio Bridge. A Jira administrator installs the app and picks the projects the portal may see there.'

export const ForgeFields: FC<{ form?: FormState | undefined; webTriggerUrl?: string | null; secretHint?: string | null }> = ({ form, webTriggerUrl, secretHint }) => (
  <>
    <TextField
      name="webTriggerUrl"
      label="Web trigger URL"
      required
      type="url"
      value={webTriggerUrl}
      form={form}
      placeholder="https://…atlassian-dev.net/x1/…"
      hint={`Shown on the Portfolio Bridge app’s admin page in Jira. ${FORGE_ADMIN_PAGE_HINT}`}
    />
    <TextField
      name="secret"
      label="Secret"
      required={!secretHint}
      type="password"
      autocomplete="off"
      form={form}
      hint={
        secretHint
          ? `Leave blank to keep the current secret (${secretHint}). Paste a new one after it was rotated on the app’s admin page.`
          : 'Generated on the app’s admin page and shown there once. The portal keeps it encrypted and never shows it again.'
      }
    />
  </>
)
