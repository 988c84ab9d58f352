// Builds the web trigger's answer in Forge's dynamic-response shape: status, header arrays, a string body.
import type { WebTriggerResponse } from '@forge/api'

/** Every answer is JSON and must not be cached by anything between Forge and the portal. */
export function respond(status: number, body: unknown): WebTriggerResponse {
  return {
    statusCode: status,
    headers: {
      'Content-Type': ['application/json; charset=utf-8'],
      'Cache-Control': ['no-store'],
    },
    body: JSON.stringify(body),
  }
}
