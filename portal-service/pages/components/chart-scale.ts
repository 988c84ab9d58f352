/**
 * @module
 * Geometry for the server-rendered history charts, pure: days to x, figures to y, and step
 * paths (figures hold from one history point until the next, so lines are steps, not slopes).
 */

const DAY_MS = 24 * 60 * 60 * 1000

export interface Box {
  width: number
  height: number
  left: number
  right: number
  top: number
  bottom: number
}

export interface Series {
  date: string
  value: number
}

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS)

/** The smallest of 1, 2, 5 × 10ⁿ at or above `value` (at least 1), so axis labels stay round. */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power
  return 10 * power
}

export interface Scale {
  x(date: string): number
  y(value: number): number
  top: number
}

/** Maps [from, to] across the box and [0, top] up it; `top` is a round ceiling of `max`. */
export function scaleFor(box: Box, from: string, to: string, max: number): Scale {
  const first = dayNumber(from)
  const span = Math.max(1, dayNumber(to) - first)
  const top = niceCeiling(max)
  const plotWidth = box.width - box.left - box.right
  const plotHeight = box.height - box.top - box.bottom
  return {
    x: (date) => round(box.left + ((dayNumber(date) - first) / span) * plotWidth),
    y: (value) => round(box.top + plotHeight - (value / top) * plotHeight),
    top,
  }
}

const round = (n: number) => Math.round(n * 10) / 10

/** An SVG path through `points` as steps: each value holds until the next point, the last until `to`. */
export function stepPath(points: readonly Series[], scale: Scale, to: string): string {
  if (points.length === 0) return ''
  const [first, ...rest] = points
  let d = `M${scale.x(first!.date)} ${scale.y(first!.value)}`
  for (const point of rest) d += ` H${scale.x(point.date)} V${scale.y(point.value)}`
  return `${d} H${scale.x(to)}`
}
