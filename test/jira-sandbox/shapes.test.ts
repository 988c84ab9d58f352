// Site endpoints answer in Jira's shapes (myself, projects, fields, issue types, permissions, server
// info, avatars): checked against Atlassian's OpenAPI schemas, extra keys allowed, and DESIGN.md's facts.
import { startJiraSandbox, type JiraSandbox } from './index.js'
import { call, client } from './jira-fetch.js'
import { schemaErrors } from './openapi/schema-check.js'

let sandbox: JiraSandbox
let admin: ReturnType<typeof client>

beforeAll(async () => {
  sandbox = await startJiraSandbox({ seed: 7, dataset: { subtasksPerChild: 1 } })
  admin = client(sandbox.url, sandbox.accounts.admin)
})
afterAll(() => sandbox.close())

test('GET /myself is a Jira User', async () => {
  const res = await admin.get('/rest/api/3/myself')
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  expect(schemaErrors(res.json, 'User')).toEqual([])
  expect(res.json).toMatchObject({
    accountId: sandbox.accounts.admin.accountId,
    accountType: 'atlassian',
    emailAddress: 'admin@sandbox.test',
    active: true,
    timeZone: 'Europe/Amsterdam',
    expand: 'groups,applicationRoles',
  })
  expect(Object.keys(res.json.avatarUrls).sort()).toEqual(['16x16', '24x24', '32x32', '48x48'])
})

test('GET /project/search is a PageBeanProject with both project styles', async () => {
  const res = await admin.get('/rest/api/3/project/search')
  expect(res.status).toBe(200)
  expect(schemaErrors(res.json, 'PageBeanProject')).toEqual([])
  const [classic, teamManaged] = res.json.values
  expect(classic).toMatchObject({
    projectTypeKey: 'software',
    simplified: false,
    style: 'classic',
    isPrivate: false,
  })
  expect(classic).not.toHaveProperty('entityId')
  expect(teamManaged).toMatchObject({ simplified: true, style: 'next-gen' })
  expect(teamManaged.entityId).toMatch(/^[0-9a-f-]{36}$/)
  expect(typeof classic.id).toBe('string')
  expect(classic.avatarUrls['48x48']).toBe(
    `${sandbox.url}/rest/api/3/universal_avatar/view/type/project/avatar/${classic.avatarUrls['48x48'].split('/').pop()}`,
  )
})

test('GET /project/{key} is a Project; unknown keys are a 404 with Jira’s message', async () => {
  const res = await admin.get('/rest/api/3/project/PB')
  expect(res.status).toBe(200)
  expect(schemaErrors(res.json, 'Project')).toEqual([])
  expect(res.json.issueTypes.map((t: { name: string }) => t.name)).toEqual([
    'Epic',
    'Story',
    'Task',
    'Bug',
    'Subtask',
  ])
  const byId = await admin.get(`/rest/api/3/project/${res.json.id}`)
  expect(byId.json.key).toBe('PB')
  const missing = await admin.get('/rest/api/3/project/NOPE')
  expect(missing.status).toBe(404)
  expect(schemaErrors(missing.json, 'ErrorCollection')).toEqual([])
  expect(missing.json).toEqual({
    errorMessages: ["No project could be found with key 'NOPE'."],
    errors: {},
  })
})

test('GET /field lists system and both story-point custom fields with their schema', async () => {
  const res = await admin.get('/rest/api/3/field')
  expect(res.status).toBe(200)
  res.json.forEach((field: unknown, i: number) =>
    expect(schemaErrors(field, 'FieldDetails'), `field ${i}`).toEqual([]),
  )
  const ids = res.json.map((f: { id: string }) => f.id)
  for (const id of [
    'summary',
    'status',
    'issuetype',
    'parent',
    'project',
    'assignee',
    'updated',
    'created',
  ])
    expect(ids).toContain(id)
  const byId = Object.fromEntries(res.json.map((f: { id: string }) => [f.id, f]))
  expect(byId.customfield_10016).toMatchObject({
    name: 'Story point estimate',
    custom: true,
    schema: {
      type: 'number',
      custom: 'com.pyxis.greenhopper.jira:jsw-story-points',
      customId: 10016,
    },
  })
  expect(byId.customfield_10028).toMatchObject({
    name: 'Story Points',
    custom: true,
    schema: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float' },
  })
  expect(sandbox.store.storyPointsFieldIds()).toEqual(['customfield_10016', 'customfield_10028'])
})

test('GET /issuetype: global types plus each team-managed project’s own, scoped types', async () => {
  const res = await admin.get('/rest/api/3/issuetype')
  expect(res.status).toBe(200)
  res.json.forEach((type: unknown) => expect(schemaErrors(type, 'IssueTypeDetails')).toEqual([]))
  const epics = res.json.filter((t: { hierarchyLevel: number }) => t.hierarchyLevel === 1)
  const pb = sandbox.store.project('PB')!
  expect(epics.map((e: { scope?: unknown }) => e.scope ?? null)).toEqual([
    null,
    { type: 'PROJECT', project: { id: pb.id } },
  ])
  const levels = Object.fromEntries(
    res.json
      .filter((t: { scope?: unknown }) => !t.scope)
      .map((t: { name: string; hierarchyLevel: number }) => [t.name, t.hierarchyLevel]),
  )
  expect(levels).toEqual({ Epic: 1, Story: 0, Task: 0, Bug: 0, Subtask: -1 })
  expect(res.json.find((t: { name: string }) => t.name === 'Subtask').subtask).toBe(true)
})

test('serverInfo, tenant_info and avatars answer without credentials', async () => {
  const info = await call(`${sandbox.url}/rest/api/3/serverInfo`)
  expect(schemaErrors(info.json, 'ServerInformation')).toEqual([])
  expect(info.json.deploymentType).toBe('Cloud')
  const tenant = await call(`${sandbox.url}/_edge/tenant_info`)
  expect(tenant.json).toEqual({ cloudId: sandbox.cloudId })
  const project = (await admin.get('/rest/api/3/project/PA')).json
  const avatar = await fetch(project.avatarUrls['24x24'])
  expect(avatar.status).toBe(200)
  expect(avatar.headers.get('content-type')).toBe('image/svg+xml')
  expect(await avatar.text()).toMatch(/^<svg [^>]*width="24"/)
  const issue = (
    await admin.post('/rest/api/3/search/jql', {
      jql: 'project = PA',
      fields: ['issuetype'],
      maxResults: 1,
    })
  ).json.issues[0]
  expect((await fetch(issue.fields.issuetype.iconUrl)).status).toBe(200)
})

test('GET /mypermissions is Permissions', async () => {
  const res = await admin.get(
    '/rest/api/3/mypermissions?permissions=ADMINISTER,BROWSE_PROJECTS&projectKey=PB',
  )
  expect(res.status).toBe(200)
  expect(schemaErrors(res.json, 'Permissions')).toEqual([])
  expect(Object.keys(res.json.permissions)).toEqual(['ADMINISTER', 'BROWSE_PROJECTS'])
})
