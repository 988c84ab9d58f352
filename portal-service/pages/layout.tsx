// The page shell: head, top bar with the signed-in person, the one-shot message, and a live region for scripts.
import { raw } from 'hono/html'
import type { FC, PropsWithChildren } from 'hono/jsx'
import { ASSET_FILES, assetUrl } from './assets.js'
import { CsrfField } from './components/form-controls.js'
import type { Flash } from './flash.js'
import type { PageSession } from './page-context.js'

const FlashMessage: FC<{ flash: Flash }> = ({ flash }) => (
  <div class={`alert alert-${flash.kind} flash`} role={flash.kind === 'error' ? 'alert' : 'status'}>
    <p>{flash.text}</p>
    {flash.items && flash.items.length > 0 ? (
      <ul>
        {flash.items.map((item) => (
          <li>{item}</li>
        ))}
      </ul>
    ) : null}
  </div>
)

export interface LayoutProps {
  title: string
  session: Pick<PageSession, 'user' | 'csrfToken' | 'flash'> | null
}

export const Layout: FC<PropsWithChildren<LayoutProps>> = ({ title, session, children }) => (
  <>
    {raw('<!DOCTYPE html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Portfolio Bridge`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetUrl('portal.css')} />
        {ASSET_FILES.filter((name) => name.endsWith('.js')).map((name) => (
          <script src={assetUrl(name)} defer></script>
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="topbar">
          <a class="brand" href={session ? '/portfolios' : '/sign-in'}>
            <span class="brand-mark" aria-hidden="true"></span>
            Portfolio Bridge
          </a>
          {session ? (
            <>
              <nav class="topnav" aria-label="Main">
                <a href="/portfolios">Portfolios</a>
              </nav>
              <div class="account">
                <span class="account-name">{session.user.name}</span>
                <form method="post" action="/sign-out">
                  <CsrfField token={session.csrfToken} />
                  <button type="submit" class="button button-quiet">
                    Sign out
                  </button>
                </form>
              </div>
            </>
          ) : null}
        </header>
        <main id="main" tabindex={-1}>
          {session?.flash ? <FlashMessage flash={session.flash} /> : null}
          {children}
        </main>
        {/* Scripts announce what they do (searching, saving) here. */}
        <div id="live-region" class="visually-hidden" aria-live="polite"></div>
      </body>
    </html>
  </>
)
