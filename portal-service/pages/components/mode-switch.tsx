// The two ways to reach Jira (DESIGN.md): API token or Forge app, as a pair of links so it works without JavaScript.
import type { FC } from 'hono/jsx'

export type ConnectMode = 'api_token' | 'forge'

export const ModeSwitch: FC<{ current: ConnectMode; apiTokenHref: string; forgeHref: string }> = ({ current, apiTokenHref, forgeHref }) => (
  <nav class="mode-switch" aria-label="How the portal connects to Jira">
    <a href={apiTokenHref} aria-current={current === 'api_token' ? 'page' : undefined}>
      <strong>API token</strong>
      <span>A Jira account’s email and API token</span>
    </a>
    <a href={forgeHref} aria-current={current === 'forge' ? 'page' : undefined}>
      <strong>Forge app</strong>
      <span>The Portfolio Bridge app a Jira admin installed</span>
    </a>
  </nav>
)
