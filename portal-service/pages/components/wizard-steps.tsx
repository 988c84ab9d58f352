// The Jira integration wizard's three steps, with the current one marked.
import type { FC, PropsWithChildren } from 'hono/jsx'

const STEPS = ['Prerequisites', 'Connect to Jira', 'Select projects'] as const

export const WizardSteps: FC<PropsWithChildren<{ step: 1 | 2 | 3 }>> = ({ step, children }) => (
  <section class="card wizard" aria-labelledby="wizard-title">
    <h2 id="wizard-title">Configure Jira Integration</h2>
    <ol class="steps" aria-label="Steps">
      {STEPS.map((label, index) => (
        <li class={index + 1 < step ? 'step step-done' : index + 1 === step ? 'step step-current' : 'step'} aria-current={index + 1 === step ? 'step' : undefined}>
          <span class="step-number" aria-hidden="true">
            {index + 1}
          </span>
          {label}
          <span class="visually-hidden">{index + 1 < step ? ' (done)' : ''}</span>
        </li>
      ))}
    </ol>
    {children}
  </section>
)
