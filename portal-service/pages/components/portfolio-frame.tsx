// The frame of every portfolio page: breadcrumbs, the portfolio's name and the person's role, tabs, Jira health.
import type { FC, PropsWithChildren } from 'hono/jsx'
import type { ConnectionView } from '../../jira/jira-connection.service.js'
import type { PortfolioPage } from '../page-context.js'
import { HealthBanner } from './health-banner.js'
import { RoleBadge } from './lozenge.js'

export interface Crumb {
  label: string
  href?: string
}

interface FrameProps {
  page: PortfolioPage
  current: 'landscape' | 'settings'
  connection?: ConnectionView | null
  /** Links between the portfolio and this page (e.g. the initiative). */
  crumbs?: Crumb[]
}

export const PortfolioFrame: FC<PropsWithChildren<FrameProps>> = ({ page, current, connection, crumbs, children }) => {
  const base = `/portfolios/${page.portfolio.id}`
  const trail: Crumb[] = [{ label: 'Portfolios', href: '/portfolios' }, { label: page.portfolio.name, href: base }, ...(crumbs ?? [])]
  return (
    <>
      <nav class="breadcrumbs" aria-label="Breadcrumbs">
        <ol>
          {trail.map((crumb, index) => (
            <li>
              {crumb.href && index < trail.length - 1 ? <a href={crumb.href}>{crumb.label}</a> : <span aria-current="page">{crumb.label}</span>}
            </li>
          ))}
        </ol>
      </nav>
      <div class="portfolio-header">
        <p class="portfolio-name">
          {page.portfolio.name} <RoleBadge role={page.portfolio.myRole} external={page.portfolio.external} />
        </p>
        <nav class="tabs" aria-label="Portfolio">
          <a href={base} aria-current={current === 'landscape' ? 'page' : undefined}>
            Landscape
          </a>
          <a href={`${base}/settings`} aria-current={current === 'settings' ? 'page' : undefined}>
            Portfolio Settings
          </a>
        </nav>
      </div>
      {connection !== undefined ? (
        <HealthBanner connection={connection} portfolioId={page.portfolio.id} canConfigure={page.can('configureJira')} />
      ) : null}
      {children}
    </>
  )
}
