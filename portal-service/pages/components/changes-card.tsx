// "Changes since": a date to pick (a plain GET form) and what changed since then, overall and per epic.
import type { FC } from 'hono/jsx'
import type { Changes } from '../../history/changes.js'
import { BASIS_UNITS } from './burn-up-chart.js'
import { formatDate } from './relative-time.js'

const signed = (n: number) => (n > 0 ? `+${n}` : String(n))

export const ChangesCard: FC<{ changes: Changes; action: string; today: string; basis: string; note?: string | undefined }> = ({ changes, action, today, basis, note }) => {
  const unit = BASIS_UNITS[changes.basis]
  const moved = changes.epics.filter((e) => e.scopeDelta !== 0 || e.doneDelta !== 0)
  return (
    <section class="card" aria-labelledby="changes-title">
      <div class="card-heading">
        <h2 id="changes-title">Changes since {formatDate(changes.since)}</h2>
        <form method="get" action={action} class="inline-form">
          <input type="hidden" name="basis" value={basis} />
          <label for="changes-since">Since</label>
          <input id="changes-since" type="date" name="since" value={changes.since} max={today} required />
          <button type="submit" class="button">
            Show
          </button>
        </form>
      </div>
      {note ? <p class="field-error" role="alert">{note}</p> : null}
      <ul class="change-summary" aria-label="Summary of changes">
        <li>
          <strong>{signed(changes.scopeAdded)}</strong> {unit} of scope added
        </li>
        <li>
          <strong>{String(changes.scopeRemoved)}</strong> removed
        </li>
        <li>
          <strong>{signed(changes.doneAdded)}</strong> done
        </li>
        <li>Linked: {changes.epicsLinked.length === 0 ? 'none' : changes.epicsLinked.join(', ')}</li>
        <li>Unlinked: {changes.epicsUnlinked.length === 0 ? 'none' : changes.epicsUnlinked.join(', ')}</li>
      </ul>
      <p class="muted">Linking or unlinking an epic changes scope; only work done while linked counts as done.</p>
      {moved.length > 0 ? (
        <table class="table" aria-label="Changes per epic">
          <thead>
            <tr>
              <th scope="col">Epic</th>
              <th scope="col">Scope</th>
              <th scope="col">Done</th>
            </tr>
          </thead>
          <tbody>
            {moved.map((epic) => (
              <tr>
                <th scope="row">{epic.key}</th>
                <td>{signed(epic.scopeDelta)}</td>
                <td>{signed(epic.doneDelta)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">No epic changed in this time.</p>
      )}
    </section>
  )
}
