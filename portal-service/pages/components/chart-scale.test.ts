// Chart geometry: round ceilings, dates and values placed in the box, step paths.
import { niceCeiling, scaleFor, stepPath } from './chart-scale.js'

test('ceilings are 1, 2, 2.5 or 5 times a power of ten', () => {
  expect([0, 1, 3, 17, 21, 240, 251, 990].map(niceCeiling)).toEqual([1, 1, 5, 20, 25, 250, 500, 1000])
})

test('a step path holds each value until the next point, the last one until the end of the range', () => {
  const scale = scaleFor({ width: 110, height: 60, left: 10, right: 0, top: 0, bottom: 10 }, '2027-03-01', '2027-03-11', 20)
  expect([scale.x('2027-03-01'), scale.x('2027-03-06'), scale.y(0), scale.y(20), scale.top]).toEqual([10, 60, 50, 0, 20])
  expect(stepPath([{ date: '2027-03-01', value: 10 }, { date: '2027-03-06', value: 20 }], scale, '2027-03-11')).toBe('M10 25 H60 V0 H110')
  expect(stepPath([], scale, '2027-03-11')).toBe('')
})
