// The client's `myPermissions` and `serverInfo` against the sandbox: what the Forge app asks before it trusts an admin page call, and where it is.
import { JiraClient } from '../../shared/jira/client.js'
import { isJiraError } from '../../shared/jira/errors.js'
import { createBasicAuthRequester } from '../../shared/jira/requester.js'
import { startJiraSandbox, type JiraSandbox } from '../jira-sandbox/index.js'

let sandbox: JiraSandbox

beforeAll(async () => {
  sandbox = await startJiraSandbox({ seed: 8, dataset: { projects: 2, epicsPerProject: 1, childrenPerEpic: 1 } })
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.clearRequests())

function clientAs(account: { email: string; token: string }) {
  return new JiraClient({
    requester: createBasicAuthRequester({ baseUrl: sandbox.url, email: account.email, apiToken: account.token }),
    retry: { baseDelayMs: 10, maxDelayMs: 20 },
  })
}

describe('myPermissions', () => {
  test('says yes for the site admin and no for anyone else, with one GET', async () => {
    await expect(clientAs(sandbox.accounts.admin).myPermissions(['ADMINISTER'])).resolves.toEqual({ ADMINISTER: true })
    await expect(clientAs(sandbox.accounts.limited).myPermissions(['ADMINISTER'])).resolves.toEqual({ ADMINISTER: false })
    expect(sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/rest/api/3/mypermissions', { permissions: ['ADMINISTER'] }],
      ['GET', '/rest/api/3/mypermissions', { permissions: ['ADMINISTER'] }],
    ])
  })

  test('answers several permissions at once', async () => {
    await expect(clientAs(sandbox.accounts.limited).myPermissions(['ADMINISTER', 'BROWSE_PROJECTS'])).resolves.toEqual({
      ADMINISTER: false,
      BROWSE_PROJECTS: true,
    })
  })

  test('a permission Jira does not know is a bad_request, not a "no"', async () => {
    const error = await clientAs(sandbox.accounts.admin).myPermissions(['BECOME_GOD']).catch((e: unknown) => e)
    expect(isJiraError(error, 'bad_request')).toBe(true)
  })

  test('a rejected token is bad_credentials; no keys at all is refused before sending', async () => {
    const error = await clientAs({ email: sandbox.accounts.admin.email, token: 'wrong' }).myPermissions(['ADMINISTER']).catch((e: unknown) => e)
    expect(isJiraError(error, 'bad_credentials')).toBe(true)
    sandbox.clearRequests()
    await expect(clientAs(sandbox.accounts.admin).myPermissions([])).rejects.toThrow(RangeError)
    expect(sandbox.requests).toEqual([])
  })
})

describe('serverInfo', () => {
  test('names the site as Jira states it', async () => {
    await expect(clientAs(sandbox.accounts.limited).serverInfo()).resolves.toMatchObject({ baseUrl: sandbox.url })
  })
})
