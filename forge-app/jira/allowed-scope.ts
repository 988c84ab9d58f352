/**
 * @module
 * The allow-list applied to Jira readings: what the portal (and the epic resolvers) may see
 * through this installation. Lists are filtered to allowed projects; questions naming a project
 * or an epic outside the list are refused with `NotAllowedError` before Jira is asked, so no
 * other project's data can leave the app. Identity is the project id: keys change.
 */
import type { JiraReader } from '../../shared/jira/reader.js'
import type { EpicRecord, JiraProject } from '../../shared/jira/records.js'
import type { AllowedProject } from '../storage/allow-list.js'

/** A question about a project that is not on the allow-list. */
export class NotAllowedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NotAllowedError'
  }
}

export class AllowedScope {
  readonly #ids: ReadonlySet<string>

  constructor(
    readonly projects: readonly AllowedProject[],
    private readonly reader: JiraReader,
  ) {
    this.#ids = new Set(projects.map((project) => project.id))
  }

  get projectIds(): string[] {
    return [...this.#ids]
  }

  allows(projectId: string): boolean {
    return this.#ids.has(projectId)
  }

  onlyAllowedProjects(projects: readonly JiraProject[]): JiraProject[] {
    return projects.filter((project) => this.#ids.has(project.id))
  }

  /** Issues of other projects are left out, as if the app could not see them. */
  onlyAllowedIssues(epics: readonly EpicRecord[]): EpicRecord[] {
    return epics.filter((epic) => this.#ids.has(epic.projectId))
  }

  /**
   * Refuses unless every key names an allowed project. The keys stored with the allow-list
   * are checked first (no Jira call); a key they miss may be an allowed project renamed since
   * the admin picked it, so only then are the allowed projects' current keys read.
   * @throws NotAllowedError naming the keys that are not allowed.
   */
  async requireProjectKeys(keys: readonly string[]): Promise<void> {
    const stored = new Set(this.projects.map((project) => project.key))
    let unknown = keys.filter((key) => !stored.has(key))
    if (unknown.length > 0 && this.#ids.size > 0) {
      const current = new Set((await this.reader.projects(this.projectIds)).map((project) => project.key))
      unknown = unknown.filter((key) => !current.has(key))
    }
    if (unknown.length > 0) {
      throw new NotAllowedError(`The Forge app's allow-list does not include ${unknown.join(', ')}: a Jira admin can add them in the app's admin page.`)
    }
  }

  /**
   * Refuses unless every epic Jira returns belongs to an allowed project (its children may be
   * anywhere). Ids Jira does not return are let through: the app cannot see them either, and
   * the search then fails the way it would for the portal talking to Jira directly.
   * @throws NotAllowedError naming the epics of other projects.
   */
  async requireEpics(epicIds: readonly string[]): Promise<void> {
    const outside = (await this.reader.epics(epicIds)).filter((epic) => !this.#ids.has(epic.projectId))
    if (outside.length > 0) {
      throw new NotAllowedError(`The Forge app's allow-list does not include the project of ${outside.map((epic) => epic.id).join(', ')}.`)
    }
  }
}
