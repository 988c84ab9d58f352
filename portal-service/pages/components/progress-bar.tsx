// Progress by status category: a segmented bar (SVG, so no inline styles are needed under the CSP) and its figures.
import type { FC } from 'hono/jsx'
import type { CategoryCounts, PointsProgress } from '../../../shared/progress/progress.js'
import { plural } from '../../plural.js'

/** The bar alone; `label` says in words what it shows. */
export const ProgressBar: FC<{ counts: CategoryCounts; label?: string }> = ({ counts, label }) => {
  const total = counts.total
  const share = (n: number) => (total > 0 ? (n / total) * 100 : 0)
  const done = share(counts.done)
  const inProgress = share(counts.inProgress)
  const words =
    label ??
    (total === 0
      ? 'No child issues'
      : `${counts.done} done, ${counts.inProgress} in progress, ${counts.todo} to do, of ${plural(total, 'child issue')}`)
  return (
    <svg class="progress-bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={words}>
      <title>{words}</title>
      <rect class="seg-track" x="0" y="0" width="100" height="8" />
      {done > 0 ? <rect class="seg-done" x="0" y="0" width={done.toFixed(3)} height="8" /> : null}
      {inProgress > 0 ? <rect class="seg-progress" x={done.toFixed(3)} y="0" width={inProgress.toFixed(3)} height="8" /> : null}
      {/* Green and blue alone are too alike in lightness to tell apart (WCAG 1.4.11): a gap of page colour, 2 px at any width, separates them. */}
      {done > 0 && inProgress > 0 ? <line class="seg-gap" x1={done.toFixed(3)} x2={done.toFixed(3)} y1="0" y2="8" vector-effect="non-scaling-stroke" /> : null}
    </svg>
  )
}

/** Counts by category, as Jira names them. */
export const CategoryCountsText: FC<{ counts: CategoryCounts }> = ({ counts }) => (
  <ul class="category-counts" aria-label="Child issues by status category">
    <li><span class="dot dot-todo" aria-hidden="true"></span>{counts.todo} To Do</li>
    <li><span class="dot dot-progress" aria-hidden="true"></span>{counts.inProgress} In Progress</li>
    <li><span class="dot dot-done" aria-hidden="true"></span>{counts.done} Done</li>
  </ul>
)

/** "40% done by count · 55% by story points (3 children without estimate)". */
export const PercentText: FC<{ percentDone: number | null; points: PointsProgress | null }> = ({ percentDone, points }) => (
  <p class="progress-percent">
    {percentDone === null ? (
      <span>No child issues</span>
    ) : (
      <span>
        <strong>{percentDone}%</strong> done by count
      </span>
    )}
    {points && points.percentDone !== null ? (
      <span>
        {' · '}
        <strong>{points.percentDone}%</strong> by story points ({points.done} of {points.total})
      </span>
    ) : null}
  </p>
)
