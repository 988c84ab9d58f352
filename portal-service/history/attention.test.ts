// What needs a person now: one sentence per problem, the worst first.
import { attentionItems, type AttentionFacts, type InitiativeAttentionFacts } from './attention.js'
import { forecast } from './forecast.js'

const now = new Date('2026-11-25T12:00:00Z')
const initiative = (over: Partial<InitiativeAttentionFacts>): InitiativeAttentionFacts => ({
  id: 'i1',
  name: 'Mobile onboarding',
  stage: 'Execution',
  targetDate: '2027-03-31',
  children: 20,
  openChildren: 8,
  basis: 'count',
  forecast: null,
  epics: [],
  ...over,
})
const facts = (initiatives: InitiativeAttentionFacts[], over: Partial<AttentionFacts> = {}): AttentionFacts => ({ today: '2026-11-25', unhealthy: null, doneStage: 'Done', initiatives, ...over })
const epic = { id: '10', key: 'PAY-3', summary: 'Card ledger', state: 'ok' as const, doneWithOpenChildren: false, children: 9, openChildren: 4, unestimated: 0, staleReadAt: null }

test('nothing to say about a healthy initiative', () => {
  expect(attentionItems(facts([initiative({})]))).toEqual([])
})

test('forecasts off track and at risk, in words with the pace and the dates', () => {
  const offTrack = forecast({ now, goLive: '2026-12-10', remaining: 30, weeks: [5, 10], historySince: new Date('2026-10-01') })
  const atRisk = forecast({ now, goLive: '2026-12-31', remaining: 30, weeks: [5, 10], historySince: new Date('2026-10-01') })
  const items = attentionItems(facts([initiative({ name: 'Portal', forecast: atRisk, targetDate: '2026-12-31' }), initiative({ id: 'i2', name: 'Payments', forecast: offTrack, targetDate: '2026-12-10', basis: 'points' })]))
  expect(items).toEqual([
    {
      kind: 'forecast_off_track',
      severity: 'danger',
      initiative: { id: 'i2', name: 'Payments' },
      epic: null,
      sentence: 'At the pace of the last 2 weeks (5–10 story points a week), Payments completes between 16 Dec 2026 and 6 Jan 2027, after its go-live on 10 Dec 2026: 30 story points remain.',
    },
    {
      kind: 'forecast_at_risk',
      severity: 'warning',
      initiative: { id: 'i1', name: 'Portal' },
      epic: null,
      sentence: 'Portal makes its go-live on 31 Dec 2026 only at its faster weeks: at the pace of the last 2 weeks (5–10 child issues a week) it completes between 16 Dec 2026 and 6 Jan 2027.',
    },
  ])
})

test('past go-live and not in the last stage; a done initiative is left alone', () => {
  const items = attentionItems(facts([initiative({ targetDate: '2026-11-20' }), initiative({ id: 'i2', name: 'Old', stage: 'Done', targetDate: '2026-01-01' })]))
  expect(items.map((i) => [i.kind, i.sentence])).toEqual([['past_go_live', 'Mobile onboarding passed its go-live on 20 Nov 2026 and is still in Execution, with 8 of 20 child issues open.']])
})

test('epic problems name the epic and its initiative; unestimated children only where the basis is points', () => {
  const epics = [
    { ...epic, doneWithOpenChildren: true },
    { ...epic, id: '11', key: 'PAY-4', summary: '', state: 'deleted' as const },
    { ...epic, id: '12', key: 'PAY-5', state: 'moved_out' as const, unestimated: 2 },
  ]
  const byCount = attentionItems(facts([initiative({ name: 'Payments', epics })]))
  expect(byCount.map((i) => [i.kind, i.epic?.key, i.sentence])).toEqual([
    ['epic_deleted', 'PAY-4', 'PAY-4 was deleted in Jira, or the connection’s account can no longer see it: Payments still counts its last figures.'],
    ['epic_moved_out', 'PAY-5', 'PAY-5 “Card ledger” moved to a Jira project that is not linked to this portfolio: Payments shows its last figures.'],
    ['epic_done_with_open_children', 'PAY-3', 'PAY-3 “Card ledger” is Done in Jira while 4 of its 9 child issues are open.'],
  ])
  const byPoints = attentionItems(facts([initiative({ name: 'Payments', epics, basis: 'points' })]))
  expect(byPoints.at(-1)).toMatchObject({ kind: 'unestimated_children', sentence: 'PAY-5 “Card ledger” has 2 child issues without an estimate: the story points of Payments leave their work out.' })
})

test('an unreadable connection is one item; stale figures are named per initiative only while it is readable', () => {
  const stale = initiative({ epics: [{ ...epic, staleReadAt: '2026-11-24T10:00:00.000Z' }, { ...epic, id: '11', state: 'deleted', staleReadAt: '2026-11-01T10:00:00.000Z' }] })
  const unhealthy = attentionItems(facts([stale], { unhealthy: { health: 'token_rejected', message: 'Token rejected — a manager must rotate it.' } }))
  expect(unhealthy[0]).toEqual({ kind: 'connection_unhealthy', severity: 'danger', initiative: null, epic: null, sentence: 'Jira cannot be read: Token rejected — a manager must rotate it.' })
  expect(unhealthy.map((i) => i.kind)).toEqual(['connection_unhealthy', 'epic_deleted'])
  // The deleted epic's own item explains its old figures; the stale item names the epic Jira still shows.
  expect(attentionItems(facts([stale])).map((i) => i.kind)).toEqual(['epic_deleted', 'figures_stale'])
  expect(attentionItems(facts([stale])).at(-1)!.sentence).toBe('Some Jira figures of Mobile onboarding are stale: the last sync could not refresh them (the oldest were read on 24 Nov 2026).')
})
