// What a cascade will unlink, listed in a confirmation box: the seed's warnings, made specific.
import type { FC } from 'hono/jsx'
import type { UnlinkedEpic, UnlinkedProject } from '../../jira/unlinked.js'

export const UnlinkedEpicsList: FC<{ epics: UnlinkedEpic[] }> = ({ epics }) =>
  epics.length === 0 ? (
    <p class="muted">No epics from it are linked to initiatives, so no initiative changes.</p>
  ) : (
    <>
      <p>
        {epics.length === 1
          ? 'This epic will be unlinked from its initiative automatically:'
          : `These ${epics.length} epics will be unlinked from their initiatives automatically:`}
      </p>
      <ul class="cascade-list" aria-label="Epics that will be unlinked">
        {epics.map((epic) => (
          <li>
            <strong>{epic.key}</strong> {epic.summary ? `“${epic.summary}”` : null} <span class="muted">from {epic.initiativeName}</span>
          </li>
        ))}
      </ul>
    </>
  )

export const UnlinkedProjectsList: FC<{ projects: UnlinkedProject[] }> = ({ projects }) =>
  projects.length === 0 ? null : (
    <>
      <p>These linked projects will be unlinked from the portfolio:</p>
      <ul class="cascade-list" aria-label="Projects that will be unlinked">
        {projects.map((project) => (
          <li>
            <strong>{project.name}</strong> <span class="key">{project.key}</span>
          </li>
        ))}
      </ul>
    </>
  )
