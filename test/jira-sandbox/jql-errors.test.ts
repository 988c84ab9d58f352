// JQL Jira refuses: 400 with Jira's error body and wording, for every kind of mistake; never a crash.
import fc from 'fast-check'
import { JqlEngine } from './jql/jql-engine.js'
import { startJiraSandbox, type JiraSandbox } from './index.js'
import { client } from './jira-fetch.js'

let sandbox: JiraSandbox
let admin: ReturnType<typeof client>

beforeAll(async () => {
  sandbox = await startJiraSandbox()
  admin = client(sandbox.url, sandbox.accounts.admin)
})
afterAll(() => sandbox.close())

const OPERATORS =
  "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'."
const UNBOUNDED =
  'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'

async function errorsFor(jql: string): Promise<string[]> {
  const res = await admin.post('/rest/api/3/search/jql', { jql })
  expect(res.status, jql).toBe(400)
  expect(Object.keys(res.json).sort()).toEqual(['errorMessages', 'errors', 'warningMessages'])
  expect(res.json.errors).toEqual({})
  return res.json.errorMessages
}

test.each([
  ['', UNBOUNDED],
  ['   ', UNBOUNDED],
  ['ORDER BY key', UNBOUNDED],
  ['order by created DESC, key', UNBOUNDED],
])('unbounded query %j', async (jql, message) => {
  expect(await errorsFor(jql)).toEqual([message])
})

test('unbounded: GET without jql, and approximate-count', async () => {
  const get = await admin.get('/rest/api/3/search/jql')
  expect(get.status).toBe(400)
  expect(get.json.errorMessages).toEqual([UNBOUNDED])
  const count = await admin.post('/rest/api/3/search/approximate-count', { jql: 'ORDER BY key' })
  expect(count.status).toBe(400)
  expect(count.json.errorMessages).toEqual([UNBOUNDED])
})

test.each([
  ['project = NOPE', ["The value 'NOPE' does not exist for the field 'project'."]],
  [
    'project in (PA, NOPE, "Z Z")',
    [
      "The value 'NOPE' does not exist for the field 'project'.",
      "The value 'Z Z' does not exist for the field 'project'.",
    ],
  ],
  ['project = 99999', ["The value '99999' does not exist for the field 'project'."]],
  ['parent = PA-9999', ["An issue with key 'PA-9999' does not exist for field 'parent'."]],
  ['Parent in (PA-1, PB-9999)', ["An issue with key 'PB-9999' does not exist for field 'Parent'."]],
  ['key in (PA-1, PA-9999)', ["An issue with key 'PA-9999' does not exist for field 'key'."]],
  ['issue = 99999999', ["An issue with key '99999999' does not exist for field 'issue'."]],
  ['id = 99999999', ["An issue with key '99999999' does not exist for field 'id'."]],
  ['issuetype = Saga', ["The value 'Saga' does not exist for the field 'issuetype'."]],
  ['issuetype in (Epic, Saga)', ["The value 'Saga' does not exist for the field 'issuetype'."]],
  ['status = Blocked', ["The value 'Blocked' does not exist for the field 'status'."]],
  [
    'statusCategory = Finished',
    ["The value 'Finished' does not exist for the field 'statusCategory'."],
  ],
  ['foo = bar', ["Field 'foo' does not exist or you do not have permission to view it."]],
  [
    'hierarchyLevel = 1',
    ["Field 'hierarchyLevel' does not exist or you do not have permission to view it."],
  ],
  [
    'project = PA ORDER BY foo',
    ["Field 'foo' does not exist or you do not have permission to view it."],
  ],
  ['project ~ PA', ["The operator '~' is not supported by the 'project' field."]],
  ['text = hello', ["The operator '=' is not supported by the 'text' field."]],
  [
    'updated >= yesterday',
    [
      "Date value 'yesterday' for field 'updated' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
    ],
  ],
  [
    'created < "2026-02-30"',
    [
      "Date value '2026-02-30' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
    ],
  ],
  [
    'summary ~ "*ing"',
    [
      "The text query '*ing' for field 'summary' is not allowed to start with a wildcard character.",
    ],
  ],
  [
    'project = NOPE AND foo = 1',
    [
      "The value 'NOPE' does not exist for the field 'project'.",
      "Field 'foo' does not exist or you do not have permission to view it.",
    ],
  ],
])('validation: %s', async (jql, messages) => {
  expect(await errorsFor(jql)).toEqual(messages)
})

test.each([
  [
    'project = ',
    'Error in the JQL Query: Expecting either a value, list or function before the end of the query.',
  ],
  [
    'project PA',
    `Error in the JQL Query: Expecting operator but got 'PA'. ${OPERATORS} (line 1, character 9)`,
  ],
  [
    'project',
    `Error in the JQL Query: Expecting operator before the end of the query. ${OPERATORS}`,
  ],
  [
    'project = PA AND',
    'Error in the JQL Query: Expecting a field name before the end of the query.',
  ],
  ['(project = PA', "Error in the JQL Query: Expecting ')' before the end of the query."],
  [
    'project = PA foo',
    "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'foo'. (line 1, character 14)",
  ],
  [
    'summary ~ "abc',
    "Error in the JQL Query: The quoted string 'abc' has not been completed. (line 1, character 11)",
  ],
  [
    'summary ~ foo*',
    "Error in the JQL Query: The character '*' is a reserved JQL character. You must enclose it in a string or use the escape '\\u002a' instead. (line 1, character 14)",
  ],
  [
    'project = and',
    "Error in the JQL Query: 'and' is a reserved JQL word. You must surround it in quotation marks to use it in a query. (line 1, character 11)",
  ],
  [
    'project in ()',
    "Error in the JQL Query: Expecting either a value, list or function but got ')'. (line 1, character 13)",
  ],
  [
    'project = PA ORDER key',
    "Error in the JQL Query: Expecting 'by' but got 'key'. (line 1, character 20)",
  ],
])('syntax: %s', async (jql, message) => {
  expect(await errorsFor(jql)).toEqual([message])
})

test('unsupported but real Jira fields get a clear 400, not a wrong answer', async () => {
  expect(await errorsFor('labels = backend')).toEqual([
    "The Jira sandbox does not support searching on field 'labels'.",
  ])
  expect(await errorsFor('project = PA AND now() = 1')).toHaveLength(1)
})

test('approximate-count and GET search report the same errors', async () => {
  const count = await admin.post('/rest/api/3/search/approximate-count', { jql: 'project = NOPE' })
  expect(count.status).toBe(400)
  expect(count.json.errorMessages).toEqual([
    "The value 'NOPE' does not exist for the field 'project'.",
  ])
  const get = await admin.get(
    `/rest/api/3/search/jql?jql=${encodeURIComponent('parent = PA-9999')}`,
  )
  expect(get.json.errorMessages).toEqual([
    "An issue with key 'PA-9999' does not exist for field 'parent'.",
  ])
})

test('no JQL string crashes the engine: it answers results or Jira errors', () => {
  const engine = new JqlEngine(sandbox.store)
  const token = fc.constantFrom(
    'project',
    '=',
    '!=',
    'in',
    'not',
    'is',
    'EMPTY',
    '(',
    ')',
    ',',
    'AND',
    'OR',
    'NOT',
    'ORDER',
    'BY',
    'PA',
    'PA-1',
    '"x y"',
    "'q'",
    '~',
    '>=',
    '<',
    'updated',
    '-1d',
    'parent',
    'key',
    'status',
    'Done',
    'summary',
    'foo*',
    '*',
    '"',
    '\\',
    '&&',
    '||',
    '!',
    'currentUser()',
    'cf[10016]',
    '1.5',
    'asc',
    'desc',
    'statusCategory',
    'text',
    '@',
    '2026-01-01',
  )
  fc.assert(
    fc.property(
      fc.array(token, { maxLength: 12 }),
      fc.string({ maxLength: 8 }),
      (tokens, noise) => {
        for (const jql of [tokens.join(' '), tokens.join('') + noise]) {
          const outcome = engine.search({ jql, account: sandbox.accounts.admin, now: Date.now() })
          if (!outcome.ok) expect(outcome.errors.length).toBeGreaterThan(0)
        }
      },
    ),
    { numRuns: 400 },
  )
})
