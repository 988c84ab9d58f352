// A small trend line per initiative on the landscape: scope and done over the last weeks, as SVG with its words in the title.
import type { FC } from 'hono/jsx'
import type { BurnUpPoint } from '../../history/burn-up.js'
import type { Basis } from '../../history/forecast.js'
import { BASIS_UNITS } from './burn-up-chart.js'
import { scaleFor, stepPath } from './chart-scale.js'

const BOX = { width: 120, height: 32, left: 1, right: 1, top: 2, bottom: 2 }

export const TrendLine: FC<{ points: BurnUpPoint[]; basis: Basis; from: string; to: string }> = ({ points, basis, from, to }) => {
  if (points.length === 0) return <span class="muted">No history yet</span>
  const first = points[0]!
  const last = points.at(-1)!
  const words = `Last 12 weeks: done ${first.done} → ${last.done} of ${last.scope} ${BASIS_UNITS[basis]} (scope was ${first.scope})`
  const scale = scaleFor(BOX, from, to, Math.max(1, ...points.map((p) => p.scope)))
  return (
    <svg class="trend-line" viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={words} data-history-points={String(points.length)}>
      <title>{words}</title>
      <path class="chart-line chart-scope" d={stepPath(points.map((p) => ({ date: p.date, value: p.scope })), scale, to)} />
      <path class="chart-line chart-done" d={stepPath(points.map((p) => ({ date: p.date, value: p.done })), scale, to)} />
    </svg>
  )
}
