// The site address a manager types becomes a clean https origin, or a clear refusal.
import { normalizeSiteUrl, SiteUrlError } from './site-url.js'

const secure = { allowInsecure: false }

test('keeps only the origin of what was pasted', () => {
  expect(normalizeSiteUrl('https://acme.atlassian.net', secure)).toBe('https://acme.atlassian.net')
  expect(normalizeSiteUrl('  https://ACME.atlassian.net/jira/software/projects/MOB/boards/1  ', secure)).toBe(
    'https://acme.atlassian.net',
  )
  expect(normalizeSiteUrl('acme.atlassian.net', secure)).toBe('https://acme.atlassian.net')
  expect(normalizeSiteUrl('https://acme.atlassian.net:443/', secure)).toBe('https://acme.atlassian.net')
})

test.each([
  ['http://acme.atlassian.net', 'insecure_site_url'],
  ['ftp://acme.atlassian.net', 'insecure_site_url'],
  ['https://user:pass@acme.atlassian.net', 'invalid_site_url'],
  ['https://', 'invalid_site_url'],
  ['not a url at all', 'invalid_site_url'],
  ['', 'invalid_site_url'],
])('%s is refused as %s', (input, code) => {
  try {
    normalizeSiteUrl(input, secure)
    expect.unreachable()
  } catch (error) {
    expect(error).toBeInstanceOf(SiteUrlError)
    expect((error as SiteUrlError).code).toBe(code)
  }
})

test('http is allowed only when the deployment says so', () => {
  expect(normalizeSiteUrl('http://127.0.0.1:8080/x', { allowInsecure: true })).toBe('http://127.0.0.1:8080')
})
