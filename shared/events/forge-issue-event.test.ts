// Forge product events about issues read leniently into change notices, with the parent when the event can tell it.
import fc from 'fast-check'
import { changeNoticeSchema } from './change-notice.js'
import { parseForgeIssueEvent } from './forge-issue-event.js'

const received = new Date('2026-11-25T10:00:05.000Z')

// The documented shape (Forge "Jira events": issue created), trimmed: no `parent` among the fields.
const created = {
  eventType: 'avi:jira:created:issue',
  atlassianId: '4ad9aa0c52dc1b420a791d12',
  issue: {
    id: '10073',
    key: 'SP-10',
    fields: {
      summary: 'A descriptive title',
      issuetype: { id: '10001', name: 'Story', subtask: false },
      project: { id: '10000', key: 'SP', name: 'Sample Project' },
      status: { name: 'To Do' },
    },
  },
  associatedUsers: [{ accountId: '4ad9aa0c52dc1b420a791d12' }],
}

test('a created issue: a notice whose parent is unknown, stamped when it arrived', () => {
  expect(parseForgeIssueEvent(created, received)).toEqual({
    kind: 'issue',
    parentKnown: false,
    notice: {
      issueId: '10073',
      issueKey: 'SP-10',
      parentId: null,
      previousParentId: null,
      projectId: '10000',
      projectKey: 'SP',
      event: 'created',
      at: received.toISOString(),
    },
  })
})

test('a parent in the payload, or a parent move in the changelog, makes the parent known', () => {
  const withParent = { ...created, issue: { ...created.issue, fields: { ...created.issue.fields, parent: { id: '10007', key: 'SP-7' } } } }
  expect(parseForgeIssueEvent(withParent, received)).toMatchObject({ parentKnown: true, notice: { parentId: '10007' } })
  const noParent = { ...created, issue: { ...created.issue, fields: { ...created.issue.fields, parent: null } } }
  expect(parseForgeIssueEvent(noParent, received)).toMatchObject({ parentKnown: true, notice: { parentId: null } })

  const moved = {
    ...created,
    eventType: 'avi:jira:updated:issue',
    changelog: {
      id: '10400',
      items: [
        { field: 'status', fieldtype: 'jira', fieldId: 'status', from: '10000', to: '10002' },
        { field: 'IssueParentAssociation', fieldtype: 'jira', from: '10005', fromString: 'SP-5', to: '10007', toString: 'SP-7' },
      ] as unknown[],
    },
  }
  expect(parseForgeIssueEvent(moved, received)).toMatchObject({
    parentKnown: true,
    notice: { event: 'updated', parentId: '10007', previousParentId: '10005' },
  })
  const statusOnly = { ...moved, changelog: { items: [moved.changelog.items[0]] } }
  expect(parseForgeIssueEvent(statusOnly, received)).toMatchObject({ parentKnown: false, notice: { parentId: null, previousParentId: null } })
})

test('a deleted issue, and odd values where only the id matters', () => {
  expect(parseForgeIssueEvent({ eventType: 'avi:jira:deleted:issue', issue: { id: 10073, key: 7, fields: { project: 'SP' } } }, received)).toMatchObject({
    kind: 'issue',
    notice: { issueId: '10073', issueKey: null, projectId: null, projectKey: null, event: 'deleted' },
  })
})

test('other events are recognised and left alone; what is not an event is invalid', () => {
  expect(parseForgeIssueEvent({ eventType: 'avi:jira:commented:issue', issue: { id: '1' } }, received)).toEqual({
    kind: 'other',
    eventType: 'avi:jira:commented:issue',
  })
  for (const junk of [null, 42, 'text', [], {}, { eventType: '' }, { eventType: 7 }]) {
    expect(parseForgeIssueEvent(junk, received).kind).toBe('invalid')
  }
  for (const issue of [undefined, {}, { id: 'SP-1' }, { id: '-1' }]) {
    expect(parseForgeIssueEvent({ eventType: 'avi:jira:updated:issue', issue }, received).kind).toBe('invalid')
  }
})

test('any JSON parses without throwing, and notices always satisfy the shared schema', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.jsonValue(), (fields, changelog) => {
      const parsed = parseForgeIssueEvent({ eventType: 'avi:jira:updated:issue', issue: { id: '5', fields }, changelog }, received)
      if (parsed.kind === 'issue') expect(changeNoticeSchema.parse(parsed.notice)).toEqual(parsed.notice)
    }),
    { numRuns: 300 },
  )
})
