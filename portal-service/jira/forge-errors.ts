/**
 * @module
 * Why the Forge app's web trigger failed, when the `JiraError` kind alone would say the wrong
 * thing: a 401 from the trigger means the secret is wrong (not an API token), `not_allowed` is
 * the app's allow-list (not a Jira permission), and an answer outside the contract means the URL
 * is not the app's web trigger. They travel as the `cause` of the `JiraError`, as the safe
 * fetch's own errors do, and become the API's errors here.
 */
import { isJiraError } from '../../shared/jira/errors.js'
import { ApiError } from '../http/errors.js'
import type { JiraStage } from './jira-api-error.js'

/** The web trigger refused the signature: the secret is wrong, or was rotated in the app. */
export class ForgeSecretRejectedError extends Error {
  constructor() {
    super('The Forge app refused the request signature')
    this.name = 'ForgeSecretRejectedError'
  }
}

/** The app refused a question about a project its Jira admin did not allow. */
export class ForgeNotAllowedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ForgeNotAllowedError'
  }
}

/** The URL answered, but not as Portfolio Bridge's web trigger (or as another version of it). */
export class ForgeAppMismatchError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ForgeAppMismatchError'
  }
}

/** The ApiError for a Forge-specific failure, or undefined to let the general mapping decide. */
export function forgeApiError(error: unknown, stage: JiraStage): ApiError | undefined {
  if (!isJiraError(error)) return undefined
  const cause = error.cause
  const setup = stage === 'setup'
  if (cause instanceof ForgeSecretRejectedError) {
    return setup
      ? new ApiError(422, 'forge_secret_rejected', "The Forge app refused the secret. Paste the secret shown on the app's admin page in Jira; rotating it there replaces the old one.")
      : new ApiError(502, 'forge_secret_rejected', "The Forge app no longer accepts the stored secret — a manager must paste the current one from the app's admin page.")
  }
  if (cause instanceof ForgeNotAllowedError) {
    return new ApiError(422, 'forge_project_not_allowed', cause.message)
  }
  if (cause instanceof ForgeAppMismatchError) {
    return setup
      ? new ApiError(422, 'not_a_forge_web_trigger', `This URL does not answer like Portfolio Bridge's web trigger (${cause.message}). Copy the URL from the app's admin page in Jira.`)
      : new ApiError(502, 'forge_app_not_understood', `The Forge app answered in a way this portal does not understand (${cause.message}). Update the app, or try again later.`)
  }
  return undefined
}
