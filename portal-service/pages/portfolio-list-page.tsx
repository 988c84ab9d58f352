// The portfolios a person belongs to, as cards, and a form to start a new one in their company.
import type { FC } from 'hono/jsx'
import type { PortfolioView } from '../portfolios/portfolio.service.js'
import { CsrfField, ErrorSummary, SubmitButton, TextAreaField, TextField } from './components/form-controls.js'
import { RoleBadge } from './components/lozenge.js'
import { Layout } from './layout.js'
import type { PageSession } from './page-context.js'
import type { FormState } from './page-forms.js'

interface Props {
  session: PageSession
  portfolios: PortfolioView[]
  companyName: string
  form?: FormState | undefined
}

export const PortfolioListPage: FC<Props> = ({ session, portfolios, companyName, form }) => (
  <Layout title="Portfolios" session={session}>
    <div class="page-heading">
      <h1>Portfolios</h1>
      <a class="button button-primary" href="#new-portfolio">
        New portfolio
      </a>
    </div>
    {portfolios.length === 0 ? (
      <section class="card empty-state">
        <h2>No portfolios yet</h2>
        <p>You are not a member of any portfolio. Ask a portfolio manager to add you, or start one below.</p>
      </section>
    ) : (
      <ul class="card-grid" aria-label="Your portfolios">
        {portfolios.map((portfolio) => (
          <li class="card portfolio-card">
            <h2>
              <a href={`/portfolios/${portfolio.id}`}>{portfolio.name}</a>
            </h2>
            <p class="muted">{portfolio.description ?? 'No description.'}</p>
            <p class="card-footer">
              <span class="muted">Your role:</span> <RoleBadge role={portfolio.myRole} external={portfolio.external} />
            </p>
          </li>
        ))}
      </ul>
    )}
    <section class="card" id="new-portfolio" aria-labelledby="new-portfolio-title">
      <h2 id="new-portfolio-title">New portfolio</h2>
      <p class="muted">It belongs to {companyName}; you become its first manager.</p>
      <ErrorSummary form={form} />
      <form method="post" action="/portfolios" class="form-grid">
        <CsrfField token={session.csrfToken} />
        <TextField name="name" label="Name" required maxlength={200} form={form} idPrefix="portfolio" />
        <TextAreaField name="description" label="Description" rows={3} form={form} idPrefix="portfolio" />
        <div class="actions">
          <SubmitButton busy="Creating…">Create portfolio</SubmitButton>
        </div>
      </form>
    </section>
  </Layout>
)
