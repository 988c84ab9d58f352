// A portfolio's sync status as the API shows it: health, the latest runs, whether one is running.
import { HEALTH_MESSAGES } from '../jira/health.js'
import type { IntegrationDeps } from '../jira/integration-deps.js'
import { requireConnection } from '../jira/jira-connection.service.js'
import * as runRepository from './sync-run.repository.js'

export async function syncStatus(deps: Pick<IntegrationDeps, 'db'>, portfolioId: string) {
  const connection = await requireConnection(deps.db, portfolioId)
  const runs = await runRepository.latestSyncRuns(deps.db, portfolioId, 10)
  return {
    health: {
      status: connection.health,
      message: connection.healthMessage ?? HEALTH_MESSAGES[connection.health],
      checkedAt: connection.healthCheckedAt,
    },
    lastSyncAt: connection.lastSyncAt,
    running: runs.some((run) => run.outcome === 'running'),
    runs: runs.map((run) => ({
      id: run.id,
      kind: run.kind,
      trigger: run.trigger,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      outcome: run.outcome,
      calls: run.calls,
      epicsRead: run.epicsRead,
      childrenRead: run.childrenRead,
      error: run.errorKind ? { kind: run.errorKind, message: run.errorMessage ?? '' } : null,
    })),
  }
}
