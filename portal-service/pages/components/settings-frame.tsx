// Portfolio Settings: the heading and its tabs (General, Members, Integrations) around each tab's content.
import type { FC, PropsWithChildren } from 'hono/jsx'
import type { ConnectionView } from '../../jira/jira-connection.service.js'
import { Layout } from '../layout.js'
import type { PortfolioPage } from '../page-context.js'
import { PortfolioFrame } from './portfolio-frame.js'

export type SettingsTab = 'general' | 'members' | 'integrations'

const TABS: { id: SettingsTab; label: string }[] = [
  { id: 'general', label: 'General' },
  { id: 'members', label: 'Members' },
  { id: 'integrations', label: 'Integrations' },
]

interface Props {
  page: PortfolioPage
  tab: SettingsTab
  title?: string
  connection?: ConnectionView | null
  crumbs?: { label: string; href?: string }[]
}

export const SettingsFrame: FC<PropsWithChildren<Props>> = ({ page, tab, title, connection, crumbs, children }) => {
  const base = `/portfolios/${page.portfolio.id}/settings`
  const current = TABS.find((t) => t.id === tab)!
  return (
    <Layout title={title ?? `${current.label} · Portfolio Settings`} session={page}>
      <PortfolioFrame page={page} current="settings" connection={connection} crumbs={[{ label: 'Portfolio Settings', href: `${base}/general` }, ...(crumbs ?? [{ label: current.label }])]}>
        <h1>Portfolio Settings</h1>
        <nav class="tabs tabs-secondary" aria-label="Portfolio Settings">
          {TABS.map((t) => (
            <a href={`${base}/${t.id}`} aria-current={t.id === tab ? 'page' : undefined}>
              {t.label}
            </a>
          ))}
        </nav>
        {children}
      </PortfolioFrame>
    </Layout>
  )
}
