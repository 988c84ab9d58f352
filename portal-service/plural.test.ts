import { expect, test } from 'vitest'
import { plural } from './plural.js'

test('one takes the singular; none and many the plural, regular or given', () => {
  expect(plural(1, 'epic')).toBe('1 epic')
  expect(plural(0, 'epic')).toBe('0 epics')
  expect(plural(3, 'child', 'children')).toBe('3 children')
  expect(plural(1, 'child', 'children')).toBe('1 child')
})
