// The avatar proxy fetches only avatar paths of the connected site: nothing else can be made to go through it.
import { isSiteAvatar } from './project-avatar.js'

const site = 'https://acme.atlassian.net'

test.each([
  [`${site}/rest/api/3/universal_avatar/view/type/project/avatar/10400?size=small`, true],
  [`${site}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10318?size=medium`, true],
  [`${site}/secure/projectavatar?pid=10000&avatarId=10011`, true],
  [`${site}/rest/api/3/myself`, false],
  [`${site}/rest/api/3/universal_avatar/../../../rest/api/3/myself`, false],
  ['https://evil.atlassian.net/rest/api/3/universal_avatar/view/type/project/avatar/1', false],
  ['http://acme.atlassian.net/rest/api/3/universal_avatar/view/type/project/avatar/1', false],
  ['https://user:pw@acme.atlassian.net/rest/api/3/universal_avatar/view/type/project/avatar/1', false],
  ['javascript:alert(1)', false],
  ['', false],
])('%s → %s', (src, allowed) => {
  expect(isSiteAvatar(site, src)).toBe(allowed)
})
