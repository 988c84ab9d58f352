// The bar must be readable without the numbers beside it: segments people compare are told apart by contrast.
import { readFileSync } from 'node:fs'
import type { CategoryCounts } from '../../../shared/progress/progress.js'
import { ProgressBar } from './progress-bar.js'

const counts = (todo: number, inProgress: number, done: number): CategoryCounts => ({ todo, inProgress, done, total: todo + inProgress + done })
const render = (c: CategoryCounts) => String(<ProgressBar counts={c} />)

const css = readFileSync(new URL('../assets/portal.css', import.meta.url), 'utf8')
const colour = (name: string) => {
  const match = css.match(new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i'))
  if (!match) throw new Error(`--${name} is not a hex colour in portal.css`)
  return match[1]!
}
// WCAG 2.x relative luminance and contrast ratio.
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

test('done and in progress side by side are parted by a gap of page colour', () => {
  const html = render(counts(2, 3, 5))
  expect(html).toContain('class="seg-done"')
  expect(html).toContain('class="seg-progress"')
  expect(html).toMatch(/<line class="seg-gap" x1="50.000"/)
})

test('a lone segment needs no gap', () => {
  expect(render(counts(5, 0, 5))).not.toContain('seg-gap')
  expect(render(counts(5, 5, 0))).not.toContain('seg-gap')
})

test('every boundary the bar draws has at least 3:1 contrast (WCAG 1.4.11)', () => {
  const [done, progress, track, surface] = ['done', 'progress', 'track', 'surface'].map(colour)
  expect(contrast(done!, surface!)).toBeGreaterThanOrEqual(3)
  expect(contrast(progress!, surface!)).toBeGreaterThanOrEqual(3)
  expect(contrast(done!, track!)).toBeGreaterThanOrEqual(3)
  expect(contrast(progress!, track!)).toBeGreaterThanOrEqual(3)
})
