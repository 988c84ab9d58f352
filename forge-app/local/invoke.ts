/**
 * @module
 * Calls Forge handlers the way the platform does, for tests and `forge:local`: a resolver with
 * `{call: {functionKey, payload}, context}` plus the backend payload carrying the principal
 * (pkg @forge/resolver out/index.js), a web trigger with Forge's request event (headers as
 * arrays of strings; docs: Forge "Web trigger events").
 */
import type { WebTriggerResponse } from '@forge/api'

/** The resolver function a manifest `function` points at (what `makeResolver` returns). */
export type ResolverHandler = (
  invocation: { call: { functionKey: string; payload?: unknown }; context: Record<string, unknown> },
  backendRuntimePayload?: Record<string, unknown>,
) => Promise<unknown>

export type WebTriggerHandler = (event: unknown, context?: unknown) => Promise<WebTriggerResponse>

export interface Principal {
  /** The Atlassian account id of the user looking at the page; omit for an anonymous call. */
  accountId?: string
}

export function invokeResolver(
  handler: ResolverHandler,
  functionKey: string,
  payload: unknown = {},
  principal: Principal = {},
): Promise<unknown> {
  return handler(
    { call: { functionKey, payload }, context: { extension: { type: 'jira:adminPage' } } },
    {
      ...(principal.accountId ? { principal: { accountId: principal.accountId } } : {}),
      installContext: 'ari:cloud:jira::site/local',
    },
  )
}

export interface WebTriggerCall {
  method?: string
  path?: string
  /** As the caller sent them; several values for one name go in an array. */
  headers?: Record<string, string | string[]>
  body?: string
  queryParameters?: Record<string, string[]>
}

/** Builds Forge's web trigger event from an HTTP-ish request. */
export function webTriggerEvent(call: WebTriggerCall): Record<string, unknown> {
  return {
    method: call.method ?? 'POST',
    path: call.path ?? '/',
    headers: Object.fromEntries(
      Object.entries(call.headers ?? {}).map(([name, value]) => [name, Array.isArray(value) ? value : [value]]),
    ),
    queryParameters: call.queryParameters ?? {},
    body: call.body ?? '',
  }
}

/** The invocation context Forge hands a web trigger: the site it is installed on, as an ARI. */
export interface WebTriggerContext {
  installContext: string
}

export function invokeWebTrigger(
  handler: WebTriggerHandler,
  call: WebTriggerCall,
  context: WebTriggerContext = { installContext: 'ari:cloud:jira::site/local' },
): Promise<WebTriggerResponse> {
  return handler(webTriggerEvent(call), context)
}
