// Builds a site from a seed and a dataset spec: accounts, projects, epics, children and sub-tasks.
import type { SandboxStore } from '../store.js'
import type { DatasetSpec, SandboxAccount } from '../types.js'
import { Random } from './random.js'
import type { ProjectRecord } from './records.js'
import {
  AREAS,
  CODENAMES,
  DEMO_EPICS,
  DEMO_PROJECTS,
  OBJECTS,
  TEAMMATES,
  VERBS,
  letters,
} from './words.js'

export const DEFAULT_DATASET: DatasetSpec = {
  projects: 3,
  teamManagedEvery: 2,
  epicsPerProject: 4,
  childrenPerEpic: [0, 8],
  subtasksPerChild: 0,
  storyPoints: true,
  extraProjects: 0,
  names: 'generated',
}

/** Stable demo credentials (the README shows them). */
export const DEMO_ACCOUNTS = {
  admin: {
    email: 'admin@sandbox.test',
    token: 'ATATT-sandbox-admin',
    displayName: 'Sandbox Admin',
    timeZone: 'Europe/Amsterdam',
  },
  limited: {
    email: 'limited@sandbox.test',
    token: 'ATATT-sandbox-limited',
    displayName: 'Lena Limited',
    timeZone: 'America/New_York',
  },
  scoped: {
    email: 'scoped@sandbox.test',
    token: 'ATATT-sandbox-scoped',
    displayName: 'Scoped Service',
    timeZone: 'UTC',
  },
} as const

const HISTORY_MS = 180 * 24 * 3600 * 1000
const ESTIMATES = [1, 2, 3, 5, 8, 13] as const
const CHILD_STATUSES = [
  ['To Do', 0.3],
  ['In Progress', 0.25],
  ['In Review', 0.1],
  ['Done', 0.3],
  ["Won't Do", 0.05],
] as const
const CHILD_KINDS = ['story', 'story', 'task', 'bug'] as const

interface EpicPlan {
  project: ProjectRecord
  children: number
}

export interface LoadedDataset {
  admin: SandboxAccount
  limited: SandboxAccount
}

/** Loads the data; `anchor` (epoch ms, the clock at start) is the newest possible `updated`. */
export function loadDataset(
  store: SandboxStore,
  spec: DatasetSpec,
  seed: number,
  anchor: number,
): LoadedDataset {
  const random = new Random(seed)
  const admin = store.addAccount({
    ...DEMO_ACCOUNTS.admin,
    visibleProjects: 'all',
    siteAdmin: true,
  })
  const limited = store.addAccount({ ...DEMO_ACCOUNTS.limited, visibleProjects: [] })
  store.addAccount({ ...DEMO_ACCOUNTS.scoped, visibleProjects: 'all', scopedToken: true })
  const people = [
    admin,
    limited,
    ...TEAMMATES.map((t) => store.addAccount({ ...t, visibleProjects: 'all' })),
  ]

  const projects = createProjects(store, spec, random)
  if (projects[0]) store.setVisibleProjects(limited.email, [projects[0].key])
  for (let i = 0; i < (spec.extraProjects ?? 0); i++) {
    const name = `${random.pick(CODENAMES)} ${random.pick(AREAS)} ${i + 1}`
    store.projectRegistry.add({ key: `X${letters(i)}`, name, style: 'classic' })
  }

  const plans = planEpics(projects, spec, random)
  const total = plans.reduce(
    (sum, plan) => sum + 1 + plan.children * (1 + spec.subtasksPerChild),
    0,
  )
  const step = total > 0 ? HISTORY_MS / total : 0
  let slot = 0
  const nextTimes = (): [number, number] => {
    const created = Math.round(anchor - HISTORY_MS + slot++ * step)
    const updated = random.chance(0.5)
      ? created
      : created + Math.round(random.next() * (anchor - created))
    return [created, updated]
  }
  const assignee = () => (random.chance(0.75) ? random.pick(people).accountId : null)

  plans.forEach((plan, epicIndex) => {
    const childStatuses = Array.from({ length: plan.children }, () => weighted(random))
    const [created, updated] = nextTimes()
    const epic = store.importIssue(
      {
        project: plan.project,
        kind: 'epic',
        summary: epicSummary(spec, random, epicIndex),
        parentId: null,
        statusName: epicStatus(childStatuses, random),
        storyPoints: null,
        assigneeId: assignee(),
      },
      created,
      updated,
    )
    for (const statusName of childStatuses) {
      const [childCreated, childUpdated] = nextTimes()
      const child = store.importIssue(
        {
          project: plan.project,
          kind: random.pick(CHILD_KINDS),
          summary: childSummary(random),
          parentId: epic.id,
          statusName,
          storyPoints: spec.storyPoints && random.chance(0.8) ? random.pick(ESTIMATES) : null,
          assigneeId: assignee(),
        },
        childCreated,
        childUpdated,
      )
      for (let s = 0; s < spec.subtasksPerChild; s++) {
        const [subCreated, subUpdated] = nextTimes()
        store.importIssue(
          {
            project: plan.project,
            kind: 'subtask',
            summary: childSummary(random),
            parentId: child.id,
            statusName: weighted(random),
            storyPoints: null,
            assigneeId: assignee(),
          },
          subCreated,
          subUpdated,
        )
      }
    }
  })
  return { admin, limited }
}

function createProjects(store: SandboxStore, spec: DatasetSpec, random: Random): ProjectRecord[] {
  const used = new Set<string>()
  return Array.from({ length: spec.projects }, (_, i) => {
    const style =
      spec.teamManagedEvery > 0 && (i + 1) % spec.teamManagedEvery === 0 ? 'next-gen' : 'classic'
    const demo = spec.names === 'demo' ? DEMO_PROJECTS[i] : undefined
    let name = demo?.name ?? `${random.pick(CODENAMES)} ${random.pick(AREAS)}`
    if (used.has(name)) name = `${name} ${i + 1}`
    used.add(name)
    return store.projectRegistry.add({ key: demo?.key ?? `P${letters(i)}`, name, style })
  })
}

function planEpics(projects: ProjectRecord[], spec: DatasetSpec, random: Random): EpicPlan[] {
  const plans: EpicPlan[] = []
  for (const project of projects) {
    for (let e = 0; e < spec.epicsPerProject; e++) {
      const index = plans.length
      plans.push({ project, children: childCount(spec.childrenPerEpic, index, random) })
    }
  }
  return plans
}

function childCount(
  rule: DatasetSpec['childrenPerEpic'],
  epicIndex: number,
  random: Random,
): number {
  if (typeof rule === 'number') return rule
  if (typeof rule === 'function') return Math.max(0, Math.floor(rule(epicIndex)))
  const [min, max] = rule
  // A range that allows 0 always yields some empty epics: every fourth one.
  if (min === 0 && epicIndex % 4 === 3) return 0
  return random.int(min, max)
}

function weighted(random: Random): string {
  let roll = random.next()
  for (const [name, weight] of CHILD_STATUSES) {
    if (roll < weight) return name
    roll -= weight
  }
  return 'To Do'
}

/** Mostly consistent with the children, but some epics are Done while children are still open. */
function epicStatus(children: string[], random: Random): string {
  if (children.length === 0) return random.pick(['To Do', 'In Progress', 'Done'])
  const open = children.filter((s) => s !== 'Done' && s !== "Won't Do").length
  if (open === 0) return random.chance(0.8) ? 'Done' : 'In Progress'
  if (random.chance(0.1)) return 'Done'
  return open === children.length && random.chance(0.5) ? 'To Do' : 'In Progress'
}

function epicSummary(spec: DatasetSpec, random: Random, index: number): string {
  if (spec.names === 'demo') return DEMO_EPICS[index % DEMO_EPICS.length]!
  return `${random.pick(CODENAMES)} ${random.pick(AREAS).toLowerCase()} epic ${index + 1}`
}

function childSummary(random: Random): string {
  return `${random.pick(VERBS)} ${random.pick(OBJECTS)}`
}
