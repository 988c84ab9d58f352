// Epic progress maths: counts by status category, percentages, points, roll-up.
import fc from 'fast-check'
import { computeEpicProgress, epicProgressFromTotals, percent, rollUp, type ChildForProgress } from './progress.js'

const child = (statusCategory: ChildForProgress['statusCategory'], storyPoints: number | null = null) => ({
  statusCategory,
  storyPoints,
})

describe('percent', () => {
  test.each([
    [0, 4, 0],
    [1, 4, 25],
    [2, 3, 66],
    [1, 3, 33],
    [199, 200, 99],
    [995, 1000, 99],
    [4, 4, 100],
  ])('%i of %i is %i %%', (part, whole, expected) => {
    expect(percent(part, whole)).toBe(expected)
  })

  test('is null when there is nothing to divide', () => {
    expect(percent(0, 0)).toBeNull()
  })

  test('never shows 100 % while any part remains', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (a, b) => {
        const whole = Math.max(a, b)
        const part = Math.min(a, b)
        const result = percent(part, whole)!
        expect(result === 100).toBe(part === whole)
        expect(result).toBeGreaterThanOrEqual(0)
      }),
    )
  })
})

describe('computeEpicProgress', () => {
  test('counts children by status category and the share done', () => {
    const progress = computeEpicProgress({
      epicStatusCategory: 'indeterminate',
      children: [child('new'), child('new'), child('indeterminate'), child('done'), child('done'), child('done')],
      hasStoryPoints: false,
    })
    expect(progress.children).toEqual({ todo: 2, inProgress: 1, done: 3, total: 6 })
    expect(progress.percentDone).toBe(50)
    expect(progress.points).toBeNull()
    expect(progress.doneWithOpenChildren).toBe(false)
  })

  test('an epic without children has no percentage, so the page shows its own status', () => {
    const progress = computeEpicProgress({ epicStatusCategory: 'done', children: [], hasStoryPoints: true })
    expect(progress.children.total).toBe(0)
    expect(progress.percentDone).toBeNull()
    expect(progress.points).toEqual({ todo: 0, inProgress: 0, done: 0, total: 0, unestimated: 0, percentDone: null })
    expect(progress.doneWithOpenChildren).toBe(false)
  })

  test('story points: sums by category, leaves unestimated children out and counts them', () => {
    const progress = computeEpicProgress({
      epicStatusCategory: 'indeterminate',
      children: [child('done', 5), child('done', 3), child('indeterminate', 8), child('new', null), child('new', 0.5)],
      hasStoryPoints: true,
    })
    expect(progress.points).toEqual({ todo: 0.5, inProgress: 8, done: 8, total: 16.5, unestimated: 1, percentDone: 48 })
    expect(progress.percentDone).toBe(40)
  })

  test('fractional points add up without floating-point dust', () => {
    const progress = computeEpicProgress({
      epicStatusCategory: 'new',
      children: [child('done', 0.1), child('done', 0.2), child('new', 0.3)],
      hasStoryPoints: true,
    })
    expect(progress.points?.done).toBe(0.3)
    expect(progress.points?.total).toBe(0.6)
    expect(progress.points?.percentDone).toBe(50)
  })

  test('points progress is null when no child carries an estimate', () => {
    const progress = computeEpicProgress({
      epicStatusCategory: 'new',
      children: [child('done'), child('new')],
      hasStoryPoints: true,
    })
    expect(progress.points?.percentDone).toBeNull()
    expect(progress.points?.unestimated).toBe(2)
  })

  test('flags an epic marked Done while children are still open', () => {
    const open = computeEpicProgress({
      epicStatusCategory: 'done',
      children: [child('done'), child('indeterminate')],
      hasStoryPoints: false,
    })
    expect(open.doneWithOpenChildren).toBe(true)
    const closed = computeEpicProgress({
      epicStatusCategory: 'done',
      children: [child('done'), child('done')],
      hasStoryPoints: false,
    })
    expect(closed.doneWithOpenChildren).toBe(false)
    const notDone = computeEpicProgress({
      epicStatusCategory: 'indeterminate',
      children: [child('new')],
      hasStoryPoints: false,
    })
    expect(notDone.doneWithOpenChildren).toBe(false)
  })

  const categories = fc.constantFrom('new' as const, 'indeterminate' as const, 'done' as const)
  const children = fc.array(
    fc.record({ statusCategory: categories, storyPoints: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }) }),
    { maxLength: 60 },
  )

  test('counts always add up to the number of children', () => {
    fc.assert(
      fc.property(children, categories, (kids, epicCategory) => {
        const { children: counts, points } = computeEpicProgress({
          epicStatusCategory: epicCategory,
          children: kids,
          hasStoryPoints: true,
        })
        expect(counts.todo + counts.inProgress + counts.done).toBe(kids.length)
        expect(counts.total).toBe(kids.length)
        expect(points!.unestimated).toBe(kids.filter((k) => k.storyPoints === null).length)
        expect(points!.todo + points!.inProgress + points!.done).toBe(points!.total)
      }),
    )
  })

  test('finishing one more child never lowers the share done', () => {
    fc.assert(
      fc.property(children, fc.nat(), (kids, pick) => {
        fc.pre(kids.length > 0)
        const index = pick % kids.length
        const before = computeEpicProgress({ epicStatusCategory: 'new', children: kids, hasStoryPoints: true })
        const finished = kids.map((k, i) => (i === index ? { ...k, statusCategory: 'done' as const } : k))
        const after = computeEpicProgress({ epicStatusCategory: 'new', children: finished, hasStoryPoints: true })
        expect(after.percentDone!).toBeGreaterThanOrEqual(before.percentDone!)
        expect(after.points!.percentDone ?? 0).toBeGreaterThanOrEqual(before.points!.percentDone ?? 0)
      }),
    )
  })
})

test('totals summed elsewhere give exactly the figures of the children themselves', () => {
  const kids = [child('done', 2), child('new', null), child('indeterminate', 1.5), child('done', 0.5)]
  const fromChildren = computeEpicProgress({ epicStatusCategory: 'done', children: kids, hasStoryPoints: true })
  const fromTotals = epicProgressFromTotals({
    epicStatusCategory: 'done',
    children: { todo: 1, inProgress: 1, done: 2, total: 4 },
    points: { todo: 0, inProgress: 1.5, done: 2.5, total: 4, unestimated: 1 },
  })
  expect(fromTotals).toEqual(fromChildren)
  expect(fromTotals.doneWithOpenChildren).toBe(true)
})

describe('rollUp', () => {
  test('an initiative rolls up the children of all its epics', () => {
    const a = computeEpicProgress({
      epicStatusCategory: 'indeterminate',
      children: [child('done', 3), child('new', 2)],
      hasStoryPoints: true,
    })
    const b = computeEpicProgress({
      epicStatusCategory: 'done',
      children: [child('done', 5), child('indeterminate', null)],
      hasStoryPoints: true,
    })
    const c = computeEpicProgress({ epicStatusCategory: 'new', children: [], hasStoryPoints: true })
    const total = rollUp([a, b, c])
    expect(total.epics).toBe(3)
    expect(total.epicsWithoutChildren).toBe(1)
    expect(total.children).toEqual({ todo: 1, inProgress: 1, done: 2, total: 4 })
    expect(total.percentDone).toBe(50)
    expect(total.points).toEqual({ todo: 2, inProgress: 0, done: 8, total: 10, unestimated: 1, percentDone: 80 })
    expect(total.epicsDoneWithOpenChildren).toBe(1)
  })

  test('is weighted by children, not an average of epic percentages', () => {
    const big = computeEpicProgress({
      epicStatusCategory: 'new',
      children: Array.from({ length: 9 }, () => child('done')),
      hasStoryPoints: false,
    })
    const small = computeEpicProgress({ epicStatusCategory: 'new', children: [child('new')], hasStoryPoints: false })
    // (100 % + 0 %) / 2 would say 50 %; 9 of 10 children are done.
    expect(rollUp([big, small]).percentDone).toBe(90)
  })

  test('an initiative without epics has no figures', () => {
    const empty = rollUp([])
    expect(empty.epics).toBe(0)
    expect(empty.percentDone).toBeNull()
    expect(empty.points).toBeNull()
  })

  test('no points figure when the site has no story-points field', () => {
    const a = computeEpicProgress({ epicStatusCategory: 'new', children: [child('done')], hasStoryPoints: false })
    expect(rollUp([a]).points).toBeNull()
  })
})
