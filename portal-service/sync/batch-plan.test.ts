// Packing epics into children queries: every epic once, bounded batches, pages as full as can be.
import fc from 'fast-check'
import { planBatches, subsetSumming, type PlannedEpic } from './batch-plan.js'

const options = { chains: 4, maxPerBatch: 200, pageSize: 100 }

function pages(batches: string[][], epics: readonly PlannedEpic[]): number {
  const weight = new Map(epics.map((e) => [e.id, e.expected ?? 0]))
  return batches.reduce((sum, batch) => sum + Math.ceil(batch.reduce((s, id) => s + weight.get(id)!, 0) / options.pageSize), 0)
}

const epicsOf = (counts: readonly (number | null)[]): PlannedEpic[] => counts.map((expected, i) => ({ id: String(10_000 + i), expected }))

describe('planBatches', () => {
  test('a large uneven portfolio needs no more pages than its children fill', () => {
    // 2,000 epics: a quarter empty, one in fifty with 500 children, the rest 1 to 27.
    const counts = Array.from({ length: 2_000 }, (_, i) => (i % 4 === 3 ? 0 : i % 50 === 0 ? 500 : 1 + ((i * 7919) % 27)))
    const epics = epicsOf(counts)
    const batches = planBatches(epics, options)
    const total = counts.reduce((a, b) => a + b, 0)
    expect(pages(batches, epics)).toBe(Math.ceil(total / 100))
    expect(batches.length % options.chains).toBe(0)
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(options.maxPerBatch)
  })

  test('without known child counts (a first read), epics go in id order, as many to a query as allowed', () => {
    const epics = epicsOf(Array.from({ length: 450 }, () => null))
    const batches = planBatches(epics, options)
    expect(batches.map((b) => b.length)).toEqual([200, 200, 50])
    expect(batches.flat()).toEqual(epics.map((e) => e.id).sort())
  })

  test('a small portfolio is one query', () => {
    expect(planBatches(epicsOf([3, 0, 12, 7]), options)).toHaveLength(1)
    expect(planBatches([], options)).toEqual([])
  })

  test('any portfolio: every epic exactly once, no batch over the limit, at most one partial page per batch', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 700 }), { nil: null }), { maxLength: 600 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 300 }),
        (counts, chains, maxPerBatch) => {
          const epics = epicsOf(counts)
          const plan = { chains, maxPerBatch, pageSize: 100 }
          const batches = planBatches(epics, plan)
          expect(batches.flat().sort()).toEqual(epics.map((e) => e.id).sort())
          for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(maxPerBatch)
          const total = counts.reduce<number>((a, b) => a + (b ?? 0), 0)
          expect(pages(batches, epics)).toBeLessThanOrEqual(Math.ceil(total / 100) + batches.length)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('subsetSumming', () => {
  test('finds items that add up exactly, or says there are none', () => {
    const weights = [40, 7, 13, 25, 3]
    const picked = subsetSumming(weights, 45)!
    expect(picked.reduce((sum, i) => sum + weights[i]!, 0)).toBe(45)
    expect(new Set(picked).size).toBe(picked.length)
    expect(subsetSumming(weights, 2)).toBeNull()
    expect(subsetSumming(weights, 0)).toEqual([])
  })
})
