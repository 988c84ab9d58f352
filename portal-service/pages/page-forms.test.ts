// Form posts are checked with the API's own schemas, and their problems come back as sentences per field.
import * as initiativeRoutes from '../http/initiatives/initiatives.routes.js'
import { bodySchemaOf, check, orNull } from './page-forms.js'
import { pickerInput } from './picker-input.js'
import type { PostedForm } from './page-forms.js'

const createInitiative = bodySchemaOf(initiativeRoutes.createInitiative)

test('a valid form gives the API body, blank optional fields as null', () => {
  const result = check(createInitiative, { name: ' Launch ', description: '', ownerId: orNull(' '), startDate: orNull('2027-01-01') })
  expect(result).toEqual({ ok: true, data: { name: 'Launch', description: null, ownerId: null, startDate: '2027-01-01' } })
})

test('each field says what is wrong with it, in words', () => {
  const result = check(createInitiative, { name: '   ', status: 'sideways', startDate: '2027-02-30', targetDate: 'soon', description: 'x'.repeat(10_001) })
  expect(result).toEqual({
    ok: false,
    errors: {
      name: 'This field is required.',
      status: 'Choose one of the options.',
      startDate: 'Enter a real date (YYYY-MM-DD).',
      targetDate: 'Enter a real date (YYYY-MM-DD).',
      description: 'Use at most 10000 characters.',
    },
  })
})

function posted(fields: [string, string][]): PostedForm {
  return {
    text: (name) => fields.find(([n]) => n === name)?.[1] ?? '',
    list: (name) => fields.filter(([n]) => n === name).map(([, v]) => v),
    has: (name) => fields.some(([n]) => n === name),
  }
}

test('the project picker keeps what was ticked, with the names it was shown with, once each', () => {
  const input = pickerInput(
    posted([
      ['q', ' pay '],
      ['startAt', '50'],
      ['projectKeys', 'pay'],
      ['projectKeys', 'MOB'],
      ['projectKeys', 'PAY'],
      ['projectLabels', 'PAY:Payments'],
      ['projectLabels', 'MOB:Mobile: Banking App'],
      ['projectLabels', 'OPS:Cloud Operations'],
      ['intent', 'save'],
    ]),
  )
  expect(input).toEqual({
    submitted: true,
    query: 'pay',
    startAt: 50,
    selected: [
      { key: 'PAY', name: 'Payments' },
      { key: 'MOB', name: 'Mobile: Banking App' },
    ],
  })
  expect(pickerInput(posted([['startAt', '-5']])).startAt).toBe(0)
})
