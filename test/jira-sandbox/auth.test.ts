// Authentication as Jira Cloud does it: Basic email:token, 401 on a wrong, revoked or unknown
// credential (decided on the status: the body is plain text), empty answers for anonymous callers,
// scoped tokens only through the gateway path, and per-account project visibility.
import { startJiraSandbox, type JiraSandbox } from './index.js'
import { call, client } from './jira-fetch.js'

let sandbox: JiraSandbox

beforeAll(async () => {
  sandbox = await startJiraSandbox()
})
afterAll(() => sandbox.close())

const NOT_AUTHENTICATED = 'Client must be authenticated to access this resource.'

test('a wrong token, an unknown email or a non-Basic header gets 401 with a plain-text body', async () => {
  const attempts = [
    { authorization: `Basic ${Buffer.from('admin@sandbox.test:wrong').toString('base64')}` },
    {
      authorization: `Basic ${Buffer.from('nobody@sandbox.test:ATATT-sandbox-admin').toString('base64')}`,
    },
    { authorization: 'Bearer ATATT-sandbox-admin' },
    { authorization: 'Basic !!!' },
  ]
  for (const headers of attempts) {
    for (const path of [
      '/rest/api/3/myself',
      '/rest/api/3/project/search',
      '/rest/api/3/search/jql?jql=project%3DPA',
    ]) {
      const res = await call(`${sandbox.url}${path}`, { headers })
      expect(res.status).toBe(401)
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
      expect(res.text).toBe(NOT_AUTHENTICATED)
    }
  }
})

test('a revoked token stops working at once', async () => {
  const account = sandbox.store.addAccount({ email: 'soon.revoked@sandbox.test', token: 'tok-1' })
  const api = client(sandbox.url, account)
  expect((await api.get('/rest/api/3/myself')).status).toBe(200)
  sandbox.store.revokeToken(account.email)
  expect(account.revoked).toBe(true)
  const res = await api.get('/rest/api/3/myself')
  expect(res.status).toBe(401)
  expect(res.text).toBe(NOT_AUTHENTICATED)
})

test('anonymous callers: /myself is 401, project search and JQL search are empty 200s', async () => {
  const anonymous = client(sandbox.url, null)
  expect((await anonymous.get('/rest/api/3/myself')).status).toBe(401)
  const projects = await anonymous.get('/rest/api/3/project/search')
  expect(projects.status).toBe(200)
  expect(projects.json).toMatchObject({ values: [], total: 0, isLast: true })
  const search = await anonymous.post('/rest/api/3/search/jql', { jql: 'updated >= -3650d' })
  expect(search.status).toBe(200)
  expect(search.json).toEqual({ issues: [], isLast: true })
  expect(
    (await anonymous.post('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: ['PA-1'] })).json.issues,
  ).toEqual([])
  expect((await anonymous.get('/rest/api/3/issuetype')).json).toEqual([])
  // Naming a project anonymous callers cannot see fails validation, as on a real site.
  const named = await anonymous.post('/rest/api/3/search/jql', { jql: 'project = PA' })
  expect(named.status).toBe(400)
  expect(named.json.errorMessages).toEqual([
    "The value 'PA' does not exist for the field 'project'.",
  ])
  const field = await anonymous.post('/rest/api/3/search/jql', { jql: 'sprint2 = 1' })
  expect(field.json.errorMessages).toEqual([
    "Field 'sprint2' does not exist or this field cannot be viewed by anonymous users.",
  ])
})

test('scoped tokens work only through /ex/jira/{cloudId}; classic tokens only on the site', async () => {
  const scoped = sandbox.store.addAccount({
    email: 'service@sandbox.test',
    token: 'scoped-1',
    scopedToken: true,
  })
  const gateway = `${sandbox.url}/ex/jira/${sandbox.cloudId}`
  const onSite = await client(sandbox.url, scoped).get('/rest/api/3/myself')
  expect(onSite.status).toBe(401)
  expect(onSite.text).toBe(NOT_AUTHENTICATED)
  const throughGateway = await client(gateway, scoped).get('/rest/api/3/myself')
  expect(throughGateway.status).toBe(200)
  expect(throughGateway.json.self).toMatch(new RegExp(`^${gateway}/rest/api/3/user`))
  const search = await client(gateway, scoped).post('/rest/api/3/search/jql', {
    jql: 'project = PA',
    fields: ['summary'],
    maxResults: 1,
  })
  expect(search.json.issues[0].self).toMatch(new RegExp(`^${gateway}/rest/api/3/issue/`))
  const classicThroughGateway = await client(gateway, sandbox.accounts.admin).get(
    '/rest/api/3/myself',
  )
  expect(classicThroughGateway.status).toBe(401)
  expect((await client(gateway, null).get('/rest/api/3/project/search')).status).toBe(401)
  const wrongCloud = await client(
    `${sandbox.url}/ex/jira/00000000-0000-4000-a000-000000000000`,
    scoped,
  ).get('/rest/api/3/myself')
  expect(wrongCloud.status).toBe(404)
})

test('the cloud id comes from the unauthenticated tenant_info', async () => {
  const res = await call(`${sandbox.url}/_edge/tenant_info`)
  expect(res.json.cloudId).toBe(sandbox.cloudId)
  expect(sandbox.cloudId).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
  )
})

test('the limited account sees only the first project, everywhere', async () => {
  const limited = client(sandbox.url, sandbox.accounts.limited)
  expect(sandbox.accounts.limited.visibleProjects).toEqual(['PA'])
  const projects = (await limited.get('/rest/api/3/project/search')).json
  expect(projects.values.map((p: { key: string }) => p.key)).toEqual(['PA'])
  expect((await limited.get('/rest/api/3/project/PB')).status).toBe(404)
  const jql = await limited.post('/rest/api/3/search/jql', { jql: 'project in (PA, PB)' })
  expect(jql.status).toBe(400)
  expect(jql.json.errorMessages).toEqual(["The value 'PB' does not exist for the field 'project'."])
  const all = (
    await limited.post('/rest/api/3/search/jql', {
      jql: 'updated >= -3650d',
      fields: ['project'],
      maxResults: 100,
    })
  ).json.issues
  expect(
    new Set(all.map((i: { fields: { project: { key: string } } }) => i.fields.project.key)),
  ).toEqual(new Set(['PA']))
  const pbKey = sandbox.store.epics('PB')[0]!.key
  const paKey = sandbox.store.epics('PA')[0]!.key
  const bulk = (
    await limited.post('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: [pbKey, paKey] })
  ).json
  expect(bulk.issues.map((i: { key: string }) => i.key)).toEqual([paKey])
  const parent = await limited.post('/rest/api/3/search/jql', { jql: `parent = ${pbKey}` })
  expect(parent.json.errorMessages).toEqual([
    `An issue with key '${pbKey}' does not exist for field 'parent'.`,
  ])
  const types = (await limited.get('/rest/api/3/issuetype')).json
  expect(types.every((t: { scope?: unknown }) => t.scope === undefined)).toBe(true)
})

test('setVisibleProjects changes what an account sees', async () => {
  const account = sandbox.store.addAccount({
    email: 'mover@sandbox.test',
    token: 'm',
    visibleProjects: ['PB'],
  })
  const api = client(sandbox.url, account)
  expect(
    (await api.get('/rest/api/3/project/search')).json.values.map((p: { key: string }) => p.key),
  ).toEqual(['PB'])
  sandbox.store.setVisibleProjects(account.email, 'all')
  expect((await api.get('/rest/api/3/project/search')).json.total).toBe(3)
  sandbox.store.setVisibleProjects(account.email, [])
  expect((await api.get('/rest/api/3/project/search')).json.total).toBe(0)
})

test('mypermissions: only the site admin administers Jira; project permissions follow visibility', async () => {
  const ask = async (auth: typeof sandbox.accounts.admin | null, query: string) =>
    await client(sandbox.url, auth).get(`/rest/api/3/mypermissions?${query}`)
  const adminAnswer = (await ask(sandbox.accounts.admin, 'permissions=ADMINISTER,BROWSE_PROJECTS'))
    .json.permissions
  expect(adminAnswer.ADMINISTER).toMatchObject({
    key: 'ADMINISTER',
    type: 'GLOBAL',
    havePermission: true,
  })
  expect(adminAnswer.BROWSE_PROJECTS).toMatchObject({ type: 'PROJECT', havePermission: true })
  const limited = (await ask(sandbox.accounts.limited, 'permissions=ADMINISTER,BROWSE_PROJECTS'))
    .json.permissions
  expect([limited.ADMINISTER.havePermission, limited.BROWSE_PROJECTS.havePermission]).toEqual([
    false,
    true,
  ])
  expect(
    (await ask(sandbox.accounts.limited, 'permissions=BROWSE_PROJECTS&projectKey=PA')).json
      .permissions.BROWSE_PROJECTS.havePermission,
  ).toBe(true)
  expect(
    (await ask(sandbox.accounts.limited, 'permissions=BROWSE_PROJECTS&projectKey=PB')).status,
  ).toBe(404)
  const anonymous = (await ask(null, 'permissions=ADMINISTER,BROWSE_PROJECTS')).json.permissions
  expect([anonymous.ADMINISTER.havePermission, anonymous.BROWSE_PROJECTS.havePermission]).toEqual([
    false,
    false,
  ])
  expect((await ask(sandbox.accounts.admin, '')).status).toBe(400)
  expect((await ask(sandbox.accounts.admin, 'permissions=FLY')).status).toBe(400)
  expect(sandbox.accounts.admin.siteAdmin).toBe(true)
  expect(sandbox.accounts.limited.siteAdmin).toBe(false)
})
