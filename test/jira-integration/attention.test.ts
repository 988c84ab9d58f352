// Issue 10: what needs attention, and the CSV export, over problems seeded in the sandbox under a fake clock, on both databases.
import { CSV_HEADER } from '../../portal-service/history/initiatives-csv.js'
import type { SandboxIssue } from '../jira-sandbox/index.js'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import type { Client } from '../support/test-app.js'
import { DIALECTS } from '../support/test-database.js'

const WEEK = 7 * 24 * 60 * 60 * 1000
type Status = 'To Do' | 'In Progress' | 'Done'

/** RFC 4180 rows (quoted fields may hold commas and doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') row.push(field), (field = '')
    else if (char === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++
    else field += char
  }
  return rows
}

describe.each(DIALECTS)('attention and the CSV export on %s', (dialect) => {
  let f: JiraFixture
  let manager: Client
  let viewer: Client
  const ids: Record<string, string> = {}
  const epics: Record<string, SandboxIssue> = {}

  function makeEpic(projectKey: string, summary: string, children: [Status, number | null][], status?: Status) {
    const epic = f.sandbox.store.createIssue({ projectKey, type: 'epic', summary, ...(status ? { status } : {}) })
    const made = children.map(([s, storyPoints], i) => f.sandbox.store.createIssue({ projectKey, type: 'story', summary: `${summary} ${i + 1}`, parent: epic.key, status: s, storyPoints }))
    return { epic, children: made }
  }
  async function bearer(session: Client): Promise<Client> {
    const created = await session.post('/api/me/tokens', { name: 'attention test' })
    return f.t.client({ Authorization: `Bearer ${created.body.token}` })
  }
  async function initiative(name: string, fields: Record<string, string>, epicKeys: string[]) {
    const created = await manager.post(f.api('/initiatives'), { name, ...fields })
    expect(created.status).toBe(201)
    ids[name] = created.body.id
    for (const epicKey of epicKeys) expect((await manager.post(f.api(`/initiatives/${created.body.id}/epics`), { epicKey })).status).toBe(201)
  }
  const sync = (mode: 'auto' | 'full' = 'auto') => f.t.deps.sync.syncPortfolio(f.portfolioId, { trigger: 'manual', mode })

  beforeAll(async () => {
    f = await createJiraFixture(dialect)
    manager = await bearer(f.people.manager)
    viewer = await bearer(f.people.externalManager)
    const [p1, , unlinked] = f.sandbox.store.projects().map((p) => p.key) as [string, string, string]
    await f.connect([p1])
    f.t.clock.set('2027-03-01T09:00:00.000Z')
    const ledger = makeEpic(p1, 'Ledger', Array.from({ length: 8 }, () => ['To Do', 1] as [Status, number]))
    epics.ledger = ledger.epic
    epics.vault = makeEpic(p1, 'Card vault', [['Done', 2], ['Done', 2], ['To Do', 2], ['In Progress', 2]], 'Done').epic
    epics.estimates = makeEpic(p1, 'Estimates', [['To Do', 3], ['To Do', null], ['To Do', null]]).epic
    epics.legacy = makeEpic(p1, 'Legacy', [['To Do', 1], ['In Progress', 1]]).epic
    epics.mover = makeEpic(p1, 'Mover', [['To Do', 1]]).epic
    epics.doomed = makeEpic(p1, 'Doomed', [['To Do', 1]]).epic
    await initiative('Ledger', { stage: 'Execution', targetDate: '2027-03-25' }, [epics.ledger.key])
    await initiative('Card vault', { stage: 'Planning' }, [epics.vault.key])
    await initiative('Estimates', { stage: 'Planning' }, [epics.estimates.key])
    await initiative('Legacy', { stage: 'Execution', startDate: '2027-01-04', targetDate: '2027-03-10' }, [epics.legacy.key])
    await initiative('Mover', { stage: 'Execution' }, [epics.mover.key, epics.doomed.key])
    await initiative('Finished', { stage: 'Done', targetDate: '2027-02-01' }, [])
    await initiative('=HYPERLINK("http://evil.example","Click")', { stage: 'Proposal', description: 'x' }, [])
    await initiative('Plan, with "quotes"', { stage: 'Proposal' }, [])
    // Two weeks of one Ledger child a week.
    for (const child of ledger.children.slice(0, 2)) {
      f.t.clock.advance(WEEK)
      f.sandbox.store.updateIssue(child.key, { status: 'Done' })
      expect(await sync()).toMatchObject({ outcome: 'ok' })
    }
    f.sandbox.store.deleteIssue(epics.doomed.key)
    f.sandbox.store.moveIssue(epics.mover.key, unlinked)
    expect(await sync('full')).toMatchObject({ outcome: 'ok' })
  })
  afterAll(() => f?.destroy())

  test('each problem in one sentence, naming its initiative and epic, the worst first', async () => {
    const response = await viewer.get(f.api('/attention'))
    expect(response.status).toBe(200)
    const items = response.body.items.map((i: { kind: string; initiative: { name: string } | null; epic: { key: string } | null; sentence: string }) => [i.kind, i.initiative?.name ?? null, i.epic?.key ?? null, i.sentence])
    expect(items).toEqual([
      ['past_go_live', 'Legacy', null, 'Legacy passed its go-live on 10 Mar 2027 and is still in Execution, with 2 of 2 child issues open.'],
      ['forecast_off_track', 'Ledger', null, 'At the pace of the last 2 weeks (1 story point a week), Ledger completes on 26 Apr 2027, after its go-live on 25 Mar 2027: 6 story points remain.'],
      ['epic_deleted', 'Mover', epics.doomed!.key, `${epics.doomed!.key} “Doomed” was deleted in Jira, or the connection’s account can no longer see it: Mover still counts its last figures.`],
      ['epic_moved_out', 'Mover', expect.any(String), expect.stringContaining('“Mover” moved to a Jira project that is not linked to this portfolio: Mover shows its last figures.')],
      ['epic_done_with_open_children', 'Card vault', epics.vault!.key, `${epics.vault!.key} “Card vault” is Done in Jira while 2 of its 4 child issues are open.`],
      ['unestimated_children', 'Estimates', epics.estimates!.key, `${epics.estimates!.key} “Estimates” has 2 child issues without an estimate: the story points of Estimates leave their work out.`],
    ])
  })

  test('the CSV: a header, one row per initiative, formula-looking text made inert', async () => {
    const response = await viewer.get(f.api('/initiatives.csv'))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8; header=present')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="digital-platform-initiatives-2027-03-15.csv"')
    const text: string = response.body
    expect(text.endsWith('\r\n')).toBe(true)
    const [header, ...rows] = parseCsv(text)
    expect(header).toEqual([...CSV_HEADER])
    // Proposal first, then Planning, Execution and Done (the portfolio's order), by name within.
    expect(rows.map((r) => r[0])).toEqual(["'=HYPERLINK(\"http://evil.example\",\"Click\")", 'Plan, with "quotes"', 'Card vault', 'Estimates', 'Ledger', 'Legacy', 'Mover', 'Finished'])
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`)
    const row = (name: string) => Object.fromEntries(CSV_HEADER.map((column, i) => [column, rows.find((r) => r[0] === name)![i]]))
    expect(row('Ledger')).toMatchObject({
      Stage: 'Execution',
      Status: 'On Track',
      Suggestion: 'Off Track',
      'Suggestion basis': 'story points',
      'Completes from': '2027-04-26',
      'Completes by': '2027-04-26',
      'Go-live': '2027-03-25',
      'Linked epics': '1',
      'Child issues': '8',
      'To Do': '6',
      Done: '2',
      '% done': '25',
      'Story points': '8',
      'Story points done': '2',
      Stale: 'no',
      Id: ids.Ledger,
    })
    expect(row('Legacy')).toMatchObject({ Start: '2027-01-04', Suggestion: 'Not enough data (no work done lately)', 'In Progress': '1' })
    expect(row('Finished')).toMatchObject({ Suggestion: '', 'Linked epics': '0', 'Child issues': '0' })
  })

  test('an unreadable connection is one item, in the words of its health', async () => {
    f.sandbox.store.revokeToken(f.sandbox.accounts.admin.email)
    expect(await sync()).toMatchObject({ outcome: 'failed' })
    const { items } = (await viewer.get(f.api('/attention'))).body
    expect(items[0]).toEqual({ kind: 'connection_unhealthy', severity: 'danger', initiative: null, epic: null, sentence: 'Jira cannot be read: Token rejected — a manager must rotate it.' })
    expect(items.filter((i: { kind: string }) => i.kind === 'figures_stale')).toEqual([])
  })
})
