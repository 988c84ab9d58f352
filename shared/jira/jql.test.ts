// JQL building: values are quoted so nothing typed can change a query's meaning.
import { childrenJql, changesJql, epicSearchJql, issueKeyFrom, jqlIdList, jqlList, jqlString, textSearchTerm } from './jql.js'

test('string literals escape quotes and backslashes', () => {
  expect(jqlString('plain')).toBe('"plain"')
  expect(jqlString('say "hi"')).toBe('"say \\"hi\\""')
  expect(jqlString('back\\slash')).toBe('"back\\\\slash"')
  expect(jqlString('") OR project = "X')).toBe('"\\") OR project = \\"X"')
})

test('lists quote every value and refuse to be empty', () => {
  expect(jqlList(['ABC', 'AND'])).toBe('("ABC", "AND")')
  expect(() => jqlList([])).toThrow(RangeError)
})

test('id lists accept plain numbers only', () => {
  expect(jqlIdList(['10001', '10002'])).toBe('(10001, 10002)')
  expect(() => jqlIdList(['10001) OR (1=1'])).toThrow(RangeError)
  expect(() => jqlIdList(['ABC-1'])).toThrow(RangeError)
  expect(() => jqlIdList([])).toThrow(RangeError)
})

test('text search keeps words as prefixes and drops search operators', () => {
  expect(textSearchTerm('checkout flow')).toBe('checkout* flow*')
  expect(textSearchTerm('  "Payments" (v2) && refunds!  ')).toBe('Payments* v2* refunds*')
  expect(textSearchTerm('***')).toBeNull()
  expect(textSearchTerm('')).toBeNull()
})

test('issue keys are recognised as typed, in any case', () => {
  expect(issueKeyFrom('abc-12')).toBe('ABC-12')
  expect(issueKeyFrom(' MOB_2-7 ')).toBe('MOB_2-7')
  expect(issueKeyFrom('ABC')).toBeNull()
  expect(issueKeyFrom('ABC-0')).toBeNull()
  expect(issueKeyFrom('12-3')).toBeNull()
  expect(issueKeyFrom('checkout flow')).toBeNull()
})

test('the queries the reader sends', () => {
  expect(epicSearchJql(['MOB', 'PAY'], ['10000', '10100'], 'check*')).toBe(
    'project in ("MOB", "PAY") AND issuetype in (10000, 10100) AND summary ~ "check*" ORDER BY key ASC',
  )
  expect(epicSearchJql(['MOB'], ['10000'], null)).toBe('project in ("MOB") AND issuetype in (10000) ORDER BY key ASC')
  expect(childrenJql(['10001', '10002'])).toBe('parent in (10001, 10002) ORDER BY key ASC')
  expect(changesJql(['MOB'], 12.2)).toBe('project in ("MOB") AND updated >= -13m ORDER BY key ASC')
  expect(changesJql(['MOB'], 0)).toBe('project in ("MOB") AND updated >= -1m ORDER BY key ASC')
})
