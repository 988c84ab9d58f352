// Issues answer in Jira's shapes (search/jql, bulkfetch, count, GET issue, the removed /search):
// checked against Atlassian's OpenAPI schemas and DESIGN.md's facts (categories, levels, story points).
import { startJiraSandbox, type JiraSandbox } from './index.js'
import { client } from './jira-fetch.js'
import { schemaErrors } from './openapi/schema-check.js'

let sandbox: JiraSandbox
let admin: ReturnType<typeof client>
const JIRA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/
const ALL_FIELDS = [
  'summary',
  'status',
  'issuetype',
  'parent',
  'project',
  'assignee',
  'updated',
  'created',
  'customfield_10016',
  'customfield_10028',
]

beforeAll(async () => {
  sandbox = await startJiraSandbox({ seed: 7, dataset: { subtasksPerChild: 1 } })
  admin = client(sandbox.url, sandbox.accounts.admin)
})
afterAll(() => sandbox.close())

test('search/jql issues carry the requested fields in Jira’s shapes', async () => {
  const res = await admin.post('/rest/api/3/search/jql', {
    jql: 'project in (PA, PB) ORDER BY key',
    fields: ALL_FIELDS,
    maxResults: 100,
  })
  expect(res.status).toBe(200)
  expect(schemaErrors(res.json, 'SearchAndReconcileResults')).toEqual([])
  expect(res.json).not.toHaveProperty('total')
  for (const issue of res.json.issues) {
    expect(Object.keys(issue).sort()).toEqual(['expand', 'fields', 'id', 'key', 'self'])
    expect(issue.id).toMatch(/^\d+$/)
    expect(issue.key).toMatch(/^P[AB]-\d+$/)
    const f = issue.fields
    expect(schemaErrors(f.status, 'StatusDetails')).toEqual([])
    expect(schemaErrors(f.issuetype, 'IssueTypeDetails')).toEqual([])
    expect(schemaErrors(f.project, 'ProjectDetails')).toEqual([])
    expect(['new', 'indeterminate', 'done']).toContain(f.status.statusCategory.key)
    expect([1, 0, -1]).toContain(f.issuetype.hierarchyLevel)
    expect(f.created).toMatch(JIRA_DATE)
    expect(f.updated).toMatch(JIRA_DATE)
    if (f.assignee !== null) expect(schemaErrors(f.assignee, 'User')).toEqual([])
    if (f.issuetype.hierarchyLevel === 1) expect(f).not.toHaveProperty('parent')
    else {
      expect(Object.keys(f.parent).sort()).toEqual(['fields', 'id', 'key', 'self'])
      expect(Object.keys(f.parent.fields).sort()).toEqual([
        'issuetype',
        'priority',
        'status',
        'summary',
      ])
    }
    // Each story-point field exists only in the projects of its style.
    const teamManaged = f.project.key === 'PB'
    expect('customfield_10016' in f).toBe(teamManaged)
    expect('customfield_10028' in f).toBe(!teamManaged)
  }
  const categories = new Set(
    res.json.issues.map(
      (i: { fields: { status: { statusCategory: { id: number; key: string } } } }) =>
        `${i.fields.status.statusCategory.id}:${i.fields.status.statusCategory.key}`,
    ),
  )
  for (const c of categories) expect(['2:new', '4:indeterminate', '3:done']).toContain(c)
})

test('search/jql answers only ids by default, and GET takes a comma list of fields', async () => {
  const ids = await admin.get('/rest/api/3/search/jql?jql=project%3DPA')
  expect(ids.json.issues[0]).toEqual({ id: expect.stringMatching(/^\d+$/) })
  const some = await admin.get(
    '/rest/api/3/search/jql?jql=project%3DPA&fields=summary,-summary,status,nonsense',
  )
  expect(Object.keys(some.json.issues[0].fields)).toEqual(['status'])
  const all = await admin.get(
    '/rest/api/3/search/jql?jql=project%3DPA&fields=*all,-description&maxResults=1',
  )
  expect(all.json.issues[0].fields).toHaveProperty('customfield_10019')
  expect(all.json.issues[0].fields).not.toHaveProperty('description')
})

test('issue/bulkfetch is BulkIssueResults in ascending id order with navigable fields by default', async () => {
  const keys = sandbox.store
    .issues()
    .slice(0, 6)
    .map((i) => i.key)
    .reverse()
  const res = await admin.post('/rest/api/3/issue/bulkfetch', {
    issueIdsOrKeys: [...keys, 'PA-99999', '999999'],
  })
  expect(res.status).toBe(200)
  expect(schemaErrors(res.json, 'BulkIssueResults')).toEqual([])
  expect(res.json.issueErrors).toEqual([])
  const ids = res.json.issues.map((i: { id: string }) => Number(i.id))
  expect(ids).toEqual([...ids].sort((a, b) => a - b))
  expect(res.json.issues.map((i: { key: string }) => i.key).sort()).toEqual([...keys].sort())
  expect(res.json.issues[0].fields).toHaveProperty('summary')
  expect(res.json.issues[0].fields).toHaveProperty('status')
})

test('search/approximate-count is JQLCountResultsBean', async () => {
  const res = await admin.post('/rest/api/3/search/approximate-count', { jql: 'project = PA' })
  expect(res.status).toBe(200)
  expect(schemaErrors(res.json, 'JQLCountResultsBean')).toEqual([])
  expect(res.json.count).toBe(sandbox.store.issues().filter((i) => i.projectKey === 'PA').length)
})

test('the removed /rest/api/3/search answers 410 Gone with Jira’s body', async () => {
  for (const res of [
    await admin.get('/rest/api/3/search?jql=project%3DPA'),
    await admin.post('/rest/api/3/search', { jql: 'project = PA' }),
  ]) {
    expect(res.status).toBe(410)
    expect(schemaErrors(res.json, 'ErrorCollection')).toEqual([])
    expect(res.json.errorMessages[0]).toMatch(
      /^The requested API has been removed\. Please migrate to the \/rest\/api\/3\/search\/jql API/,
    )
  }
})

test('GET /issue/{key} returns every field, or Jira’s 404', async () => {
  const key = sandbox.store.epics('PA')[0]!.key
  const res = await admin.get(`/rest/api/3/issue/${key}`)
  expect(res.status).toBe(200)
  expect(schemaErrors(res.json, 'IssueBean')).toEqual([])
  expect(res.json.fields.issuetype.hierarchyLevel).toBe(1)
  const missing = await admin.get('/rest/api/3/issue/PA-424242')
  expect(missing.status).toBe(404)
  expect(missing.json.errorMessages).toEqual([
    'Issue does not exist or you do not have permission to see it.',
  ])
})

test('dates are rendered in the caller’s time zone', async () => {
  const issue = sandbox.store.issues()[0]!
  const asAdmin = (
    await admin.post('/rest/api/3/issue/bulkfetch', {
      issueIdsOrKeys: [issue.key],
      fields: ['created'],
    })
  ).json.issues[0].fields.created
  const tokyo = sandbox.store.addAccount({
    email: 'tokyo@sandbox.test',
    token: 't',
    timeZone: 'Asia/Tokyo',
  })
  const asTokyo = (
    await client(sandbox.url, tokyo).post('/rest/api/3/issue/bulkfetch', {
      issueIdsOrKeys: [issue.key],
      fields: ['created'],
    })
  ).json.issues[0].fields.created
  expect(asTokyo).toMatch(/\+0900$/)
  expect(asAdmin).toMatch(/\+0[12]00$/)
  const parse = (s: string) => Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
  expect(parse(asTokyo)).toBe(issue.created.getTime())
  expect(parse(asAdmin)).toBe(issue.created.getTime())
})

test('the schema check itself rejects wrong shapes (so the checks above mean something)', () => {
  expect(schemaErrors({ accountId: 5, active: 'yes' }, 'User')).toEqual([
    'User.accountId: not a string',
    'User.active: not a boolean',
  ])
  expect(
    schemaErrors({ values: [{ id: 10000, style: 'modern' }] }, 'PageBeanProject'),
  ).toHaveLength(2)
  expect(
    schemaErrors({ issues: [{ fields: [] }], isLast: 'no' }, 'SearchAndReconcileResults'),
  ).toHaveLength(2)
  expect(schemaErrors({ statusCategory: { id: '2' } }, 'StatusDetails')).toEqual([
    'StatusDetails.statusCategory.id: not an integer',
  ])
})
