// The burn-up chart: scope and done (and started) over time as server-rendered SVG, described in words, with the same figures as a table.
import type { FC } from 'hono/jsx'
import type { BurnUpPoint } from '../../history/burn-up.js'
import type { Basis } from '../../history/forecast.js'
import { plural } from '../../plural.js'
import { scaleFor, stepPath, type Box } from './chart-scale.js'
import { formatDate } from './relative-time.js'

const BOX: Box = { width: 720, height: 260, left: 48, right: 16, top: 14, bottom: 30 }
export const BASIS_UNITS: Record<Basis, string> = { count: 'child issues', points: 'story points' }

/** What the chart shows, in a sentence: its text alternative. */
export function describeBurnUp(points: readonly BurnUpPoint[], basis: Basis, from: string, to: string): string {
  const unit = BASIS_UNITS[basis]
  const range = `from ${formatDate(from)} to ${formatDate(to)}`
  if (points.length === 0) return `No history ${range} yet.`
  const first = points[0]!
  const last = points.at(-1)!
  return `${plural(points.length, 'day')} of history ${range}: scope went from ${first.scope} to ${last.scope} ${unit}, done from ${first.done} to ${last.done}, in progress from ${first.inProgress} to ${last.inProgress}.`
}

export const BurnUpChart: FC<{ id: string; title: string; points: BurnUpPoint[]; basis: Basis; from: string; to: string }> = ({ id, title, points, basis, from, to }) => {
  const max = Math.max(1, ...points.map((p) => p.scope), ...points.map((p) => p.done + p.inProgress))
  const scale = scaleFor(BOX, from, to, max)
  const scope = points.map((p) => ({ date: p.date, value: p.scope }))
  const done = points.map((p) => ({ date: p.date, value: p.done }))
  const started = points.map((p) => ({ date: p.date, value: p.done + p.inProgress }))
  const bottom = BOX.height - BOX.bottom
  const right = BOX.width - BOX.right
  const ticks = [0, scale.top / 2, scale.top]
  const unit = BASIS_UNITS[basis]
  return (
    <figure class="chart" data-history-points={String(points.length)}>
      <svg class="burn-up" viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{describeBurnUp(points, basis, from, to)}</desc>
        {ticks.map((tick) => (
          <g class="chart-tick">
            <line x1={BOX.left} x2={right} y1={scale.y(tick)} y2={scale.y(tick)} />
            <text x={BOX.left - 6} y={scale.y(tick) + 4} text-anchor="end">
              {String(Math.round(tick * 10) / 10)}
            </text>
          </g>
        ))}
        <text class="chart-axis-label" x={BOX.left} y={bottom + 20}>
          {formatDate(from)}
        </text>
        <text class="chart-axis-label" x={right} y={bottom + 20} text-anchor="end">
          {formatDate(to)}
        </text>
        <path class="chart-line chart-started" d={stepPath(started, scale, to)} />
        <path class="chart-line chart-scope" d={stepPath(scope, scale, to)} />
        <path class="chart-line chart-done" d={stepPath(done, scale, to)} />
        {points.map((p) => (
          <g class="chart-point" data-date={p.date}>
            <circle class="point-scope" cx={scale.x(p.date)} cy={scale.y(p.scope)} r="3.5" />
            <circle class="point-done" cx={scale.x(p.date)} cy={scale.y(p.done)} r="3.5" />
            <title>{`${formatDate(p.date)}: scope ${p.scope}, done ${p.done}, in progress ${p.inProgress} ${unit}`}</title>
          </g>
        ))}
      </svg>
      <figcaption class="chart-legend">
        <span class="legend-scope">Scope</span> <span class="legend-done">Done</span> <span class="legend-started">Done or in progress</span> <span class="muted">({unit}; each dot is a day the figures changed)</span>
      </figcaption>
      {points.length > 0 ? (
        <details class="chart-table">
          <summary>The figures as a table</summary>
          <table class="table" aria-label={`${title}: figures`}>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Scope</th>
                <th scope="col">Done</th>
                <th scope="col">In progress</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr>
                  <th scope="row">{formatDate(p.date)}</th>
                  <td>{String(p.scope)}</td>
                  <td>{String(p.done)}</td>
                  <td>{String(p.inProgress)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </figure>
  )
}
