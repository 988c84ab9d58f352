// Reading HTML form posts, and checking them with the very zod schemas the API routes declare.
import type { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../http/app-env.js'

/** A posted form: single values as text ('' when absent), repeated fields as lists. */
export interface PostedForm {
  text(name: string): string
  list(name: string): string[]
  has(name: string): boolean
}

/** What a form shows after a failed post: what was typed, and what is wrong, per field or overall. */
export interface FormState {
  values: Record<string, string>
  errors: Record<string, string>
  message?: string | undefined
}

export const emptyForm: FormState = { values: {}, errors: {} }

export async function readForm(c: Context<AppEnv>): Promise<PostedForm> {
  // csrfProtection already parsed the body; Hono caches the FormData, so this reads no more bytes.
  const data = await c.req.formData()
  const text = (name: string) => {
    const value = data.get(name)
    return typeof value === 'string' ? value : ''
  }
  return {
    text,
    list: (name) => data.getAll(name).filter((v): v is string => typeof v === 'string'),
    has: (name) => data.has(name),
  }
}

/** The JSON body schema of an API route, so a page checks exactly what the API checks. */
export function bodySchemaOf<S extends z.ZodType>(route: {
  request: { body: { content: { 'application/json': { schema: S } } } }
}): S {
  return route.request.body.content['application/json'].schema
}

function fieldMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_big':
      return typeof issue.maximum === 'number' && issue.origin === 'string'
        ? `Use at most ${issue.maximum} characters.`
        : issue.origin === 'array'
          ? `Choose at most ${String(issue.maximum)}.`
          : 'This is too long.'
    case 'too_small':
      return issue.origin === 'array' ? 'Choose at least one.' : 'This field is required.'
    case 'invalid_format':
      if (issue.format === 'date') return 'Enter a real date (YYYY-MM-DD).'
      if (issue.format === 'email') return 'Enter an email address.'
      if (issue.format === 'uuid') return 'Choose one of the options.'
      return issue.message
    case 'invalid_value':
      return 'Choose one of the options.'
    case 'invalid_type':
      return 'This field is required.'
    default:
      return issue.message.charAt(0).toUpperCase() + issue.message.slice(1) + (issue.message.endsWith('.') ? '' : '.')
  }
}

export type Checked<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> }

/** Parses `input` with `schema`; failures become one message per field (the first issue wins). */
export function check<S extends z.ZodType>(schema: S, input: unknown): Checked<z.output<S>> {
  const result = schema.safeParse(input)
  if (result.success) return { ok: true, data: result.data }
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const field = issue.path.map(String)[0] ?? '_form'
    errors[field] ??= fieldMessage(issue)
  }
  return { ok: false, errors }
}

/** Blank form fields mean "not set": null for nullable fields. */
export function orNull(value: string): string | null {
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}
