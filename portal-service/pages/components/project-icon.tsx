// A Jira project's icon, served through the portal's avatar proxy (see avatar.routes.ts for why).
import type { FC } from 'hono/jsx'

/** The portal URL that serves `avatarUrl` (a Jira site's image) for this portfolio's members. */
export function avatarPath(portfolioId: string, avatarUrl: string): string {
  return `/portfolios/${portfolioId}/jira/avatar?src=${encodeURIComponent(avatarUrl)}`
}

/** Decorative: the project's name and key always stand beside it. */
export const ProjectIcon: FC<{ portfolioId: string; avatarUrl: string | null; projectKey: string; size?: number }> = (props) => {
  const size = props.size ?? 24
  if (!props.avatarUrl) {
    return (
      <span class="project-icon project-icon-letter" aria-hidden="true">
        {props.projectKey.charAt(0) || '?'}
      </span>
    )
  }
  return (
    <img
      class="project-icon"
      src={avatarPath(props.portfolioId, props.avatarUrl)}
      alt=""
      width={size}
      height={size}
      loading="lazy"
      referrerpolicy="no-referrer"
    />
  )
}
