// The landscape's "Needs attention" panel: each item's sentence, linked to its initiative, the worst first.
import type { FC } from 'hono/jsx'
import type { AttentionItem } from '../../history/attention.js'

export const AttentionPanel: FC<{ items: AttentionItem[]; portfolioId: string; csvHref: string }> = ({ items, portfolioId, csvHref }) => (
  <section class="card attention" aria-labelledby="attention-title">
    <div class="card-heading">
      <h2 id="attention-title">
        Needs attention <span class="count-hint">({items.length})</span>
      </h2>
      <a class="button" href={csvHref} download>
        Export initiatives (CSV)
      </a>
    </div>
    {items.length === 0 ? (
      <p class="muted">Nothing needs attention: forecasts hold, Jira is readable and no epic is flagged.</p>
    ) : (
      <ul class="attention-list">
        {items.map((item) => (
          <li class={`attention-item attention-${item.severity}`} data-kind={item.kind} data-epic={item.epic?.key}>
            <span class="visually-hidden">{item.severity === 'danger' ? 'Problem: ' : 'Warning: '}</span>
            {item.sentence}
            {item.initiative ? (
              <>
                {' '}
                <a href={`/portfolios/${portfolioId}/initiatives/${item.initiative.id}`}>Open {item.initiative.name}</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    )}
  </section>
)
