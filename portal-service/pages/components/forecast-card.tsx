// The forecast beside the status people set: the suggestion, the completion range at the recent pace, and why when there is no date.
import type { FC } from 'hono/jsx'
import type { Forecast, NoDataReason, Suggestion } from '../../history/forecast.js'
import type { InitiativeForecast } from '../../history/history.service.js'
import { BASIS_UNITS } from './burn-up-chart.js'
import { InitiativeStatus } from './lozenge.js'
import { formatDate } from './relative-time.js'

export const SUGGESTION_LABELS: Record<Suggestion, string> = { on_track: 'On Track', at_risk: 'At Risk', off_track: 'Off Track', not_enough_data: 'Not enough data' }
const REASONS: Record<NoDataReason, string> = {
  too_little_history: 'there are under two weeks of history to measure the pace from.',
  no_throughput: 'no work was done in the last weeks, so there is no pace to go by.',
  no_go_live: 'the initiative has no go-live date to compare with.',
}

/** The forecast's suggestion as a lozenge, in the status colours ("Not enough data" in grey). */
export const SuggestionLozenge: FC<{ suggestion: Suggestion }> = ({ suggestion }) => (
  <span class={`lozenge lozenge-${suggestion === 'not_enough_data' ? 'todo' : suggestion.replace('_', '-')}`} data-suggestion={suggestion}>
    Forecast: {SUGGESTION_LABELS[suggestion]}
  </span>
)

/** The forecast in words: when the rest completes at the slowest and fastest recent weeks. */
export function forecastSentence(forecast: Forecast, unit: string): string {
  if (forecast.remaining === 0 && forecast.completesBetween) return `Nothing remains: all ${unit} are done.`
  if (!forecast.weeklyThroughput) return `No forecast yet: ${REASONS[forecast.reason ?? 'too_little_history']}`
  const { slowest, fastest } = forecast.weeklyThroughput
  const pace = `the last ${forecast.recentWeeks.length} weeks did ${slowest === fastest ? `${fastest}` : `${slowest} to ${fastest}`} ${unit} a week`
  if (!forecast.earliestCompletion) return `No forecast yet: ${REASONS[forecast.reason ?? 'no_throughput']}`
  const when = forecast.completesBetween
    ? forecast.completesBetween[0] === forecast.completesBetween[1]
      ? `on ${formatDate(forecast.completesBetween[0])}`
      : `between ${formatDate(forecast.completesBetween[0])} and ${formatDate(forecast.completesBetween[1])}`
    : `on ${formatDate(forecast.earliestCompletion)} at the earliest (a week with no work done gives no latest date)`
  const against = forecast.goLive ? ` Go-live is ${formatDate(forecast.goLive)}.` : ` ${REASONS.no_go_live[0]!.toUpperCase()}${REASONS.no_go_live.slice(1)}`
  return `${forecast.remaining} ${unit} remain and ${pace}: they complete ${when}.${against}`
}

export const ForecastCard: FC<{ forecast: InitiativeForecast }> = ({ forecast }) => {
  const unit = BASIS_UNITS[forecast.basis]
  return (
    <section class="card" aria-labelledby="forecast-title" data-forecast={forecast.suggestion}>
      <h2 id="forecast-title">Forecast</h2>
      <p class="forecast-verdict">
        <SuggestionLozenge suggestion={forecast.suggestion} /> <span class="muted">beside the status people set:</span> <InitiativeStatus status={forecast.status} />
      </p>
      <p>{forecastSentence(forecast, unit)}</p>
      {forecast.recentWeeks.length > 0 ? (
        <p class="muted">
          Work done per week ({unit}, oldest first, scope changes left out): {forecast.recentWeeks.join(', ')}.
        </p>
      ) : null}
    </section>
  )
}
