// The demo's Jira site: the sandbox with product-like names, story points, and the cases the portal flags.
import { startJiraSandbox, type DatasetSpec, type JiraSandbox, type SandboxIssue } from '../../test/jira-sandbox/index.js'

/** Twelve named projects (enough to show search), more under code names (enough to reach the limit of 20). */
export const DEMO_SITE: Partial<DatasetSpec> = {
  projects: 12,
  teamManagedEvery: 3,
  epicsPerProject: 5,
  // Every fourth epic gets no children (a range from 0 does that), the others up to 12.
  childrenPerEpic: [0, 12],
  subtasksPerChild: 1,
  storyPoints: true,
  extraProjects: 18,
  names: 'demo',
}

export interface DemoSite {
  sandbox: JiraSandbox
  /** Epics picked to show each state the portal marks, by what they show. */
  epics: { plain: SandboxIssue[]; doneWithOpenChildren: SandboxIssue; withoutChildren: SandboxIssue; unestimated: SandboxIssue }
}

const isOpen = (issue: SandboxIssue) => issue.statusCategory !== 'done'

/**
 * Starts the sandbox and makes sure the cases the portal flags exist whatever the seed gave:
 * an epic marked Done with open children, one without children, one with unestimated children.
 */
export async function startDemoSite(options: { port?: number; seed?: number; clock?: () => Date } = {}): Promise<DemoSite> {
  const sandbox = await startJiraSandbox({ seed: options.seed ?? 7, dataset: DEMO_SITE, port: options.port ?? 0, ...(options.clock ? { clock: options.clock } : {}) })
  const { store } = sandbox
  const epicsOf = (key: string) => store.epics(key).sort((a, b) => Number(a.id) - Number(b.id))
  const withChildren = (key: string) => epicsOf(key).filter((e) => store.children(e.id).length > 0)

  const [mobile, portal, data, payments] = ['MOB', 'PORTAL', 'DATA', 'PAY'].map(withChildren) as [SandboxIssue[], SandboxIssue[], SandboxIssue[], SandboxIssue[]]
  const doneCandidate = payments.find((e) => store.children(e.id).some(isOpen)) ?? payments[0]!
  store.updateIssue(doneCandidate.key, { status: 'Done' })
  const unestimated = mobile[1] ?? mobile[0]!
  const child = store.children(unestimated.id).find((c) => c.storyPoints !== null)
  if (child) store.updateIssue(child.key, { storyPoints: null })
  const empty = epicsOf('PORTAL').find((e) => store.children(e.id).length === 0)
  const withoutChildren = empty ?? store.createIssue({ projectKey: 'PORTAL', type: 'epic', summary: 'Accessibility statement page', status: 'In Progress' })
  store.flushSearchIndex()
  return {
    sandbox,
    epics: {
      plain: [mobile[0]!, portal[0]!, data[0]!, data[1] ?? data[0]!].filter((e) => e.key !== unestimated.key),
      doneWithOpenChildren: store.issue(doneCandidate.key)!,
      withoutChildren,
      unestimated: store.issue(unestimated.key)!,
    },
  }
}
