// Readable error pages for browsers: the API's own error mapping decides status and code; pages only word them.
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../http/app-env.js'
import { sentenceFor } from './error-sentences.js'
import { Layout } from './layout.js'
import { optionalSession } from './page-context.js'

type ErrorHandler = (error: Error, c: Context<AppEnv>) => Response | Promise<Response>
type NotFoundHandler = (c: Context<AppEnv>) => Response | Promise<Response>

/** A browser asking for a page (it accepts HTML) outside /api; API callers and scripts get JSON. */
export function isPageRequest(c: Context<AppEnv>): boolean {
  if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return false
  return (c.req.header('Accept') ?? '').includes('text/html')
}

const TITLES: Record<number, string> = {
  400: 'That request could not be handled',
  403: 'You can’t do that here',
  404: 'Page not found',
  409: 'That could not be done',
  413: 'That is too much at once',
  422: 'That could not be done',
  429: 'Too many attempts',
}

export function renderErrorPage(c: Context<AppEnv>, status: ContentfulStatusCode, code: string, message: string): Response | Promise<Response> {
  const session = optionalSession(c)
  const title = TITLES[status] ?? 'Something went wrong'
  c.status(status)
  return c.html(
    <Layout title={title} session={session}>
      <section class="card error-page" data-error-code={code}>
        <p class="error-status">Error {status}</p>
        <h1>{title}</h1>
        <p>{sentenceFor(code, message)}</p>
        {status >= 500 ? <p class="muted">If you report this, mention reference {c.get('requestId')}.</p> : null}
        <p class="actions">
          <a class="button button-primary" href={session ? '/portfolios' : '/sign-in'}>
            {session ? 'Go to your portfolios' : 'Sign in'}
          </a>
        </p>
      </section>
    </Layout>,
  )
}

/**
 * Wraps the API's `onError`: for pages, the same mapping (and the same logging of unexpected
 * failures) runs first, then its code and message are shown as a page. Never a stack trace.
 * Not signed in: to the sign-in page, and back here afterwards.
 */
export function withErrorPages(apiHandler: ErrorHandler): ErrorHandler {
  return async (error, c) => {
    const api = await apiHandler(error, c)
    if (!isPageRequest(c)) return api
    if (api.status === 401) {
      const next = c.req.method === 'GET' ? `?next=${encodeURIComponent(c.req.path)}` : ''
      return c.redirect(`/sign-in${next}`, 303)
    }
    const body = (await api.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null
    return renderErrorPage(c, api.status as ContentfulStatusCode, body?.error?.code ?? 'internal_error', body?.error?.message ?? '')
  }
}

/** Wraps the API's `notFound`: unknown pages get a readable 404. */
export function withNotFoundPage(apiHandler: NotFoundHandler): NotFoundHandler {
  return (c) => (isPageRequest(c) ? renderErrorPage(c, 404, 'not_found', 'Page not found.') : apiHandler(c))
}
