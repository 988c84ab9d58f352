// API error codes as sentences a portfolio user can act on (the services' own words where they already are).
import { ApiError } from '../http/errors.js'

// Only codes whose API message speaks to a script (headers, field names, "send …") are reworded;
// the Jira failures' messages were written for managers already (jira/jira-api-error.ts).
const SENTENCES: Record<string, string> = {
  unauthenticated: 'Sign in to continue.',
  forbidden: 'Your role in this portfolio does not allow that.',
  not_found: 'That page does not exist, or you do not have access to it.',
  csrf_failed: 'This form has expired or came from another site. Reload the page and try again.',
  validation_failed: 'Some fields are missing or invalid. Check them and try again.',
  malformed_json: 'The request could not be read. Reload the page and try again.',
  unsupported_media_type: 'The request could not be read. Reload the page and try again.',
  body_too_large: 'That is more than the portal accepts in one go. Shorten the text and try again.',
  too_many_attempts: 'Too many failed sign-in attempts. Wait a few minutes, then try again.',
  edit_conflict: 'Someone else changed this initiative while you were editing it. The latest version is shown below: apply your change again.',
  site_change_requires_confirmation: 'Changing the Jira site deletes the current configuration and unlinks every linked project and epic. Confirm to go ahead.',
  credentials_required: 'A new Jira site needs the account and an API token for it.',
  jira_not_configured: 'This portfolio is not connected to Jira yet. A portfolio manager can configure it in Portfolio Settings › Integrations.',
  internal_error: 'Something went wrong on our side. Try again; if it keeps happening, tell your administrator.',
}

/** The sentence for an API error code; `fallback` (the service's message) when none is needed. */
export function sentenceFor(code: string, fallback: string, overrides: Record<string, string> = {}): string {
  return overrides[code] ?? SENTENCES[code] ?? fallback
}

/** The sentence for an error a service threw, or null when it is not one of the API's (a bug: rethrow). */
export function sentenceOf(error: unknown, overrides: Record<string, string> = {}): string | null {
  if (!(error instanceof ApiError)) return null
  return sentenceFor(error.code, error.message, overrides)
}

/**
 * Errors a form shows beside itself: what the person can fix, and Jira failing (they can retry or
 * tell a manager). Anything else (403, 404, our own 5xx) becomes an error page.
 */
export function isFormError(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) return false
  return [400, 409, 422].includes(error.status) || error.code.startsWith('jira_') || error.code === 'not_a_jira_site'
}
