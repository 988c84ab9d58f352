/**
 * @module
 * Checks the web trigger URL a manager pastes from the Forge app's admin page. Unlike a site
 * URL its path matters (it names the installation's trigger), so only the fragment goes; the
 * address rules are the site's: https unless the deployment allows otherwise, no credentials,
 * and the safe fetch refuses private networks when it is called.
 */
import { ApiError } from '../http/errors.js'

/**
 * `https://…/x1/abc` as given, without a fragment.
 * @throws ApiError 422 `invalid_web_trigger_url` or `insecure_web_trigger_url`.
 */
export function normalizeWebTriggerUrl(input: string, allowInsecure: boolean): string {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    throw new ApiError(422, 'invalid_web_trigger_url', "Paste the web trigger URL shown on the Forge app's admin page, starting with https://.")
  }
  if (url.username || url.password || !url.hostname) {
    throw new ApiError(422, 'invalid_web_trigger_url', 'The web trigger URL must not contain a user name or password.')
  }
  if (url.protocol !== 'https:' && !(allowInsecure && url.protocol === 'http:')) {
    throw new ApiError(422, 'insecure_web_trigger_url', 'The web trigger URL must start with https://.')
  }
  url.hash = ''
  return url.href
}
