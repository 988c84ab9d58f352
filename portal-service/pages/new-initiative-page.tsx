// "New initiative" as a page: the landscape's dialog for browsers without JavaScript, and where errors are shown.
import type { FC } from 'hono/jsx'
import type { MemberView } from '../memberships/membership.service.js'
import { InitiativeForm } from './components/initiative-form.js'
import { PortfolioFrame } from './components/portfolio-frame.js'
import { Layout } from './layout.js'
import type { PortfolioPage } from './page-context.js'
import type { FormState } from './page-forms.js'

export const NewInitiativePage: FC<{ page: PortfolioPage; members: MemberView[]; form?: FormState | undefined }> = ({ page, members, form }) => {
  const base = `/portfolios/${page.portfolio.id}`
  return (
    <Layout title="New initiative" session={page}>
      <PortfolioFrame page={page} current="landscape" crumbs={[{ label: 'New initiative' }]}>
        <section class="card" aria-labelledby="new-initiative-page-title">
          <h1 id="new-initiative-page-title">New initiative</h1>
          <InitiativeForm action={`${base}/initiatives`} csrfToken={page.csrfToken} stages={page.portfolio.stages} members={members} form={form} submitLabel="Create initiative" idPrefix="page" />
          <p>
            <a href={base}>Back to the landscape</a>
          </p>
        </section>
      </PortfolioFrame>
    </Layout>
  )
}
