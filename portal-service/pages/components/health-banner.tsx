// The Jira connection's health on every page with Jira data: a problem is named, with who can fix it.
import type { FC } from 'hono/jsx'
import type { ConnectionView } from '../../jira/jira-connection.service.js'

export const HealthBanner: FC<{ connection: ConnectionView | null; portfolioId: string; canConfigure: boolean }> = ({
  connection,
  portfolioId,
  canConfigure,
}) => {
  if (!connection || connection.health.status === 'ok' || connection.health.status === 'unknown') return null
  return (
    <div class="alert alert-warning" role="status" data-health={connection.health.status}>
      <p>
        <strong>Jira: </strong>
        {connection.health.message}{' '}
        {connection.health.message.includes('last ones read') ? null : 'Figures shown are the last ones read. '}
        {canConfigure ? (
          <a href={`/portfolios/${portfolioId}/settings/integrations/jira/edit`}>Edit Configuration</a>
        ) : null}
      </p>
    </div>
  )
}
