// Portfolio Settings › Members: who is in the portfolio with which role; managers add, change and remove.
import type { FC } from 'hono/jsx'
import { ROLES } from '../memberships/membership.table.js'
import type { MemberView } from '../memberships/membership.service.js'
import type { UserView } from '../users/user.service.js'
import { ConfirmDialog, DialogTrigger } from './components/confirm.js'
import { CsrfField, ErrorSummary, SelectField, SubmitButton, TextField } from './components/form-controls.js'
import { ROLE_LABELS, RoleBadge } from './components/lozenge.js'
import { SettingsFrame } from './components/settings-frame.js'
import type { PortfolioPage } from './page-context.js'
import type { FormState } from './page-forms.js'

interface Props {
  page: PortfolioPage
  members: MemberView[]
  /** Users of the portfolio's company who are not members yet. */
  candidates: UserView[]
  companyNames: Map<string, string>
  form?: FormState | undefined
  /** Which add form the state belongs to. */
  formFor?: 'company' | 'email' | undefined
}

const roleOptions = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))

export const MembersPage: FC<Props> = ({ page, members, candidates, companyNames, form, formFor }) => {
  const base = `/portfolios/${page.portfolio.id}/settings/members`
  const manage = page.can('managePortfolio')
  const companyName = companyNames.get(page.portfolio.companyId) ?? 'this company'
  return (
    <SettingsFrame page={page} tab="members">
      <section class="card" aria-labelledby="members-title">
        <h2 id="members-title">Members</h2>
        <div class="table-wrap">
          <table class="table" aria-label="Members">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Company</th>
                <th scope="col">Role</th>
                {manage ? <th scope="col"><span class="visually-hidden">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr data-member={member.email}>
                  <th scope="row">{member.name}</th>
                  <td>{member.email}</td>
                  <td>
                    {companyNames.get(member.companyId) ?? '—'} {member.external ? <span class="badge badge-external">External</span> : null}
                  </td>
                  <td>
                    {manage ? (
                      <form method="post" action={`${base}/${member.userId}/role`} class="inline-form">
                        <CsrfField token={page.csrfToken} />
                        <label class="visually-hidden" for={`role-${member.userId}`}>
                          Role of {member.name}
                        </label>
                        <select id={`role-${member.userId}`} name="role">
                          {roleOptions.map((o) => (
                            <option value={o.value} selected={o.value === member.role}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                        <button type="submit" class="button button-secondary button-small" aria-label={`Save role of ${member.name}`}>
                          Save
                        </button>
                      </form>
                    ) : (
                      <RoleBadge role={member.role} external={false} />
                    )}
                  </td>
                  {manage ? (
                    <td>
                      <DialogTrigger dialogId={`remove-${member.userId}`} href={`${base}/${member.userId}/remove`} class="button button-quiet button-small" label={`Remove ${member.name}`}>
                        Remove
                      </DialogTrigger>
                      <ConfirmDialog id={`remove-${member.userId}`} title={`Remove ${member.name}?`} action={`${base}/${member.userId}/remove`} confirmLabel="Remove" csrfToken={page.csrfToken}>
                        <p>{member.name} will no longer see this portfolio. Initiatives they own will have no owner.</p>
                      </ConfirmDialog>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="muted">Members from another company are external: they see the portfolio and its progress but change nothing, whatever their role.</p>
      </section>
      {manage ? (
        <div class="card-grid card-grid-2">
          <section class="card" aria-labelledby="add-company-title">
            <h2 id="add-company-title">Add someone from {companyName}</h2>
            {formFor === 'company' ? <ErrorSummary form={form} /> : null}
            {candidates.length === 0 ? (
              <p class="muted">Everyone at {companyName} is already a member.</p>
            ) : (
              <form method="post" action={base} class="form-grid">
                <CsrfField token={page.csrfToken} />
                <SelectField name="userId" label="Person" required options={candidates.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))} form={formFor === 'company' ? form : undefined} idPrefix="add-company" />
                <SelectField name="role" label="Role" required options={roleOptions} value="contributor" form={formFor === 'company' ? form : undefined} idPrefix="add-company" />
                <div class="actions">
                  <SubmitButton busy="Adding…">Add member</SubmitButton>
                </div>
              </form>
            )}
          </section>
          <section class="card" aria-labelledby="add-email-title">
            <h2 id="add-email-title">Add someone from another company</h2>
            {formFor === 'email' ? <ErrorSummary form={form} /> : null}
            <form method="post" action={base} class="form-grid">
              <CsrfField token={page.csrfToken} />
              <TextField name="email" label="Their exact email" type="email" required hint="They need a Portfolio Bridge account already." form={formFor === 'email' ? form : undefined} idPrefix="add-email" />
              <SelectField name="role" label="Role" required options={roleOptions} value="viewer" form={formFor === 'email' ? form : undefined} idPrefix="add-email" />
              <div class="actions">
                <SubmitButton busy="Adding…">Add member</SubmitButton>
              </div>
            </form>
          </section>
        </div>
      ) : null}
    </SettingsFrame>
  )
}
