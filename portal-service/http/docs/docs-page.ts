// Renders the OpenAPI document as one self-contained HTML page (no CDN: the portal may be offline).
import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { OpenApiDocument } from './openapi-document.js'

type Json = Record<string, unknown>
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem 2rem;color:#172b4d}
h2{border-bottom:1px solid #dfe1e6;padding-bottom:.25rem;margin-top:2rem}
details{border:1px solid #dfe1e6;border-radius:4px;margin:.5rem 0;padding:.25rem .75rem}
summary{cursor:pointer}
code{background:#f4f5f7;padding:0 .25rem;border-radius:3px}
.method{display:inline-block;min-width:4.5rem;font-weight:600;text-transform:uppercase}
.get{color:#006644}.post{color:#0747a6}.patch{color:#974f0c}.delete{color:#bf2600}
table{border-collapse:collapse;margin:.5rem 0}td,th{text-align:left;padding:.15rem .75rem .15rem 0;vertical-align:top}
`

// Follows a local `$ref` (`#/components/schemas/X`) so field tables show the real fields.
function resolve(document: OpenApiDocument, schema: unknown): Json {
  const ref = (schema as Json | undefined)?.$ref
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let node: unknown = document
    for (const part of ref.slice(2).split('/')) node = (node as Json | undefined)?.[part]
    return (node as Json | undefined) ?? {}
  }
  return (schema as Json | undefined) ?? {}
}

function typeOf(document: OpenApiDocument, schema: unknown): string {
  const resolved = resolve(document, schema)
  // Small enums read best spelled out; other named schemas by their name.
  if (Array.isArray(resolved.enum)) return resolved.enum.map(String).join(' | ')
  const ref = (schema as Json | undefined)?.$ref
  if (typeof ref === 'string') return ref.split('/').at(-1) ?? 'object'
  if (resolved.type === 'array') return `${typeOf(document, resolved.items)}[]`
  const type = String(resolved.type ?? 'object')
  return `${type}${resolved.format ? ` (${String(resolved.format)})` : ''}${resolved.nullable ? ' | null' : ''}`
}

function fieldsTable(
  document: OpenApiDocument,
  schema: unknown,
): HtmlEscapedString | Promise<HtmlEscapedString> | string {
  const resolved = resolve(document, schema)
  const properties = Object.entries((resolved.properties as Json | undefined) ?? {})
  if (properties.length === 0) return ''
  const required = new Set((resolved.required as string[] | undefined) ?? [])
  return html`<table>
    <tr>
      <th>Field</th>
      <th>Type</th>
      <th></th>
    </tr>
    ${properties.map(
      ([name, property]) =>
        html`<tr>
          <td><code>${name}</code></td>
          <td>${typeOf(document, property)}</td>
          <td>${required.has(name) ? 'required' : 'optional'}</td>
        </tr>`,
    )}
  </table>`
}

function operation(document: OpenApiDocument, method: string, path: string, op: Json) {
  const parameters = ((op.parameters as Json[] | undefined) ?? []).map(
    (parameter) =>
      html`<li>
        <code>${String(parameter.name)}</code> (${String(parameter.in)})
        ${String(parameter.description ?? '')}
      </li>`,
  )
  const body = (
    ((op.requestBody as Json | undefined)?.content as Json | undefined)?.['application/json'] as
      Json | undefined
  )?.schema
  const responses = Object.entries((op.responses as Json | undefined) ?? {})
  const signedIn = Array.isArray(op.security) && op.security.length > 0
  return html`<details>
    <summary>
      <span class="method ${method}">${method}</span>
      <code>${path}</code> ${String(op.summary ?? '')}
    </summary>
    ${op.description ? html`<p>${String(op.description)}</p>` : ''}
    <p>
      ${signedIn ? 'Needs a signed-in user (session cookie or access token).' : 'No sign-in needed.'}
    </p>
    ${
      parameters.length > 0
        ? html`<h4>Parameters</h4>
            <ul>
              ${parameters}
            </ul>`
        : ''
    }
    ${
      body
        ? html`<h4>Body (JSON)</h4>
            ${fieldsTable(document, body)}`
        : ''
    }
    <h4>Responses</h4>
    <ul>
      ${responses.map(([status, response]) => html`<li><code>${status}</code> ${String((response as Json).description ?? '')}</li>`)}
    </ul>
  </details>`
}

/** @param nonce the CSP nonce of this response, for the one inline style sheet. */
export function renderDocsPage(document: OpenApiDocument, nonce: string) {
  const byTag = new Map<string, ReturnType<typeof operation>[]>()
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Json)[method] as Json | undefined
      if (!op) continue
      const tag = ((op.tags as string[] | undefined) ?? ['Other'])[0] ?? 'Other'
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation(document, method, path, op)])
    }
  }
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${document.info.title}</title>
        <style nonce="${nonce}">
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <h1>${document.info.title} <small>${document.info.version}</small></h1>
        ${(document.info.description ?? '').split('\n\n').map((paragraph) => html`<p>${paragraph}</p>`)}
        <p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
        ${[...byTag].map(
          ([tag, operations]) =>
            html`<h2>${tag}</h2>
              ${operations}`,
        )}
      </body>
    </html>`
}
