// A confirmation as a page of its own: where a ⨉ or Delete link leads when JavaScript is off.
import type { Child, FC } from 'hono/jsx'
import { ConfirmPanel } from './components/confirm.js'
import { PortfolioFrame, type Crumb } from './components/portfolio-frame.js'
import { Layout } from './layout.js'
import type { PortfolioPage } from './page-context.js'

interface Props {
  page: PortfolioPage
  current: 'landscape' | 'settings'
  crumbs?: Crumb[]
  title: string
  action: string
  confirmLabel: string
  cancelHref: string
  body: Child
  hidden?: Record<string, string>
  danger?: boolean
}

export const ConfirmPage: FC<Props> = (props) => (
  <Layout title={props.title} session={props.page}>
    <PortfolioFrame page={props.page} current={props.current} crumbs={props.crumbs}>
      <ConfirmPanel
        id="confirm"
        title={props.title}
        action={props.action}
        confirmLabel={props.confirmLabel}
        cancelHref={props.cancelHref}
        csrfToken={props.page.csrfToken}
        hidden={props.hidden}
        danger={props.danger}
      >
        {props.body}
      </ConfirmPanel>
    </PortfolioFrame>
  </Layout>
)
