// Nothing is ever written to Jira: the client's only gate lets reads through and nothing else.
import { readOnlyRequest, WriteRefusedError, type ReadRequest } from './read-only.js'

test('GET requests under the REST API pass', () => {
  expect(readOnlyRequest({ method: 'GET', path: '/rest/api/3/myself' })).toBeTruthy()
  expect(readOnlyRequest({ method: 'GET', path: '/rest/api/3/project/search?query=x' })).toBeTruthy()
  expect(readOnlyRequest({ method: 'GET', path: '/_edge/tenant_info' })).toBeTruthy()
})

test('only the read-only search endpoints may be POSTed to', () => {
  expect(readOnlyRequest({ method: 'POST', path: '/rest/api/3/search/jql', body: {} })).toBeTruthy()
  expect(readOnlyRequest({ method: 'POST', path: '/rest/api/3/issue/bulkfetch', body: {} })).toBeTruthy()
})

test.each([
  ['POST', '/rest/api/3/issue'],
  ['POST', '/rest/api/3/issue/ABC-1/comment'],
  ['POST', '/rest/api/3/search/jql?x=1'],
  ['PUT', '/rest/api/3/issue/ABC-1'],
  ['DELETE', '/rest/api/3/issue/ABC-1'],
  ['PATCH', '/rest/api/3/project/ABC'],
  ['GET', '/rest/api/3/../../admin'],
  ['GET', '/wiki/rest/api/content'],
  ['GET', 'https://evil.example/rest/api/3/myself'],
])('%s %s is refused before it is sent', (method, path) => {
  const request = { method, path, body: {} } as unknown as ReadRequest
  expect(() => readOnlyRequest(request)).toThrow(WriteRefusedError)
})

test('a write cannot even be written down in the types', () => {
  // @ts-expect-error PUT is not a ReadRequest method
  const put: ReadRequest = { method: 'PUT', path: '/rest/api/3/issue/ABC-1' }
  // @ts-expect-error POST only to the read-only endpoints
  const post: ReadRequest = { method: 'POST', path: '/rest/api/3/issue', body: {} }
  expect(() => readOnlyRequest(put)).toThrow(WriteRefusedError)
  expect(() => readOnlyRequest(post)).toThrow(WriteRefusedError)
})
