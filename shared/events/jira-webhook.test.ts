// Jira admin webhook bodies read leniently into change notices.
import fc from 'fast-check'
import { changeNoticeBatchSchema, changeNoticeSchema } from './change-notice.js'
import { parseJiraWebhook } from './jira-webhook.js'

const received = new Date('2026-11-25T10:00:05.000Z')

// The shape of Atlassian's documented issue event (webhooks page, "Example callback for an
// issue-related event"), trimmed; real deliveries carry every field of the issue.
const updated = {
  timestamp: 1_795_600_800_000,
  webhookEvent: 'jira:issue_updated',
  issue_event_type_name: 'issue_generic',
  user: { accountId: '5b10a2844c20165700ede21g', displayName: 'Ada' },
  issue: {
    id: '10042',
    self: 'https://acme.atlassian.net/rest/api/2/10042',
    key: 'MOB-42',
    fields: {
      summary: 'Checkout button',
      status: { name: 'Done', id: '10002', statusCategory: { key: 'done' } },
      issuetype: { id: '10001', name: 'Story', subtask: false, hierarchyLevel: 0 },
      parent: { id: '10007', key: 'MOB-7', fields: { summary: 'Checkout' } },
      project: { id: '10000', key: 'MOB', name: 'Mobile' },
      customfield_10016: 5,
    },
  },
  changelog: {
    id: '10400',
    items: [
      {
        field: 'status',
        fieldtype: 'jira',
        fieldId: 'status',
        from: '10000',
        fromString: 'To Do',
        to: '10002',
        toString: 'Done',
      },
      {
        field: 'IssueParentAssociation',
        fieldtype: 'jira',
        fieldId: 'parent',
        from: '10005',
        fromString: 'MOB-5',
        to: '10007',
        toString: 'MOB-7',
      },
    ],
  },
}

test('an issue update becomes a notice with the parent before and after', () => {
  expect(parseJiraWebhook(updated, received)).toEqual({
    kind: 'issue',
    timestamp: updated.timestamp,
    notice: {
      issueId: '10042',
      issueKey: 'MOB-42',
      parentId: '10007',
      previousParentId: '10005',
      projectId: '10000',
      projectKey: 'MOB',
      event: 'updated',
      at: new Date(updated.timestamp).toISOString(),
    },
  })
})

test('created and deleted events; what may be missing is missing', () => {
  const created = parseJiraWebhook(
    { webhookEvent: 'jira:issue_created', issue: { id: 10043 } },
    received,
  )
  expect(created).toMatchObject({
    kind: 'issue',
    timestamp: null,
    notice: {
      issueId: '10043',
      issueKey: null,
      parentId: null,
      previousParentId: null,
      projectId: null,
      event: 'created',
      at: received.toISOString(),
    },
  })
  const deleted = parseJiraWebhook(
    { ...updated, webhookEvent: 'jira:issue_deleted', changelog: null },
    received,
  )
  expect(deleted).toMatchObject({
    kind: 'issue',
    notice: { event: 'deleted', parentId: '10007', previousParentId: null },
  })
})

test('odd values where only the id matters are tolerated', () => {
  const odd = {
    webhookEvent: 'jira:issue_updated',
    timestamp: 'yesterday',
    issue: { id: '10042', key: 42, fields: { parent: 'MOB-7', project: { id: 'x' } } },
    changelog: {
      items: [null, 'status', { fieldId: 'parent', from: null }, { field: 'Parent', from: 10005 }],
    },
  }
  expect(parseJiraWebhook(odd, received)).toMatchObject({
    kind: 'issue',
    timestamp: null,
    notice: {
      issueId: '10042',
      issueKey: null,
      parentId: null,
      previousParentId: '10005',
      projectId: null,
    },
  })
})

test('other events are recognised and left alone; non-webhooks are invalid', () => {
  expect(parseJiraWebhook({ webhookEvent: 'comment_created', comment: {} }, received)).toEqual({
    kind: 'other',
    webhookEvent: 'comment_created',
  })
  for (const junk of [null, 42, 'text', [], {}, { webhookEvent: '' }, { webhookEvent: 7 }]) {
    expect(parseJiraWebhook(junk, received).kind).toBe('invalid')
  }
  for (const issue of [undefined, {}, { id: 'MOB-1' }, { id: '-1' }, { id: '1'.repeat(30) }]) {
    expect(parseJiraWebhook({ webhookEvent: 'jira:issue_updated', issue }, received).kind).toBe(
      'invalid',
    )
  }
})

test('any JSON value parses without throwing, and notices always satisfy the shared schema', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.jsonValue(), (issue, changelog) => {
      const parsed = parseJiraWebhook(
        { webhookEvent: 'jira:issue_updated', issue, changelog },
        received,
      )
      if (parsed.kind === 'issue')
        expect(changeNoticeSchema.parse(parsed.notice)).toEqual(parsed.notice)
    }),
    { numRuns: 300 },
  )
})

test('a batch of notices is bounded', () => {
  const notice = {
    issueId: '1',
    issueKey: 'A-1',
    parentId: null,
    projectId: '2',
    projectKey: 'A',
    event: 'updated',
    at: received.toISOString(),
  }
  expect(
    changeNoticeBatchSchema.parse({ notices: [notice] }).notices[0]!.previousParentId,
  ).toBeNull()
  expect(changeNoticeBatchSchema.safeParse({ notices: Array(101).fill(notice) }).success).toBe(
    false,
  )
  expect(changeNoticeBatchSchema.safeParse({ notices: [] }).success).toBe(false)
})
