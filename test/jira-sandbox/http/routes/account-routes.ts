// Who am I and where am I: `/myself`, `/serverInfo` and the unauthenticated `/_edge/tenant_info`.
import { json } from '../reply.js'
import type { Route } from '../route.js'
import { myselfJson } from '../../render/user-json.js'

export const accountRoutes: Route[] = [
  {
    methods: ['GET'],
    pattern: /^\/rest\/api\/3\/myself$/,
    auth: 'required',
    handle: (req) => json(200, myselfJson(req.account!, req.links)),
  },
  {
    methods: ['GET'],
    pattern: /^\/rest\/api\/3\/serverInfo$/,
    auth: 'optional',
    handle: (req) =>
      json(200, {
        baseUrl: req.links.site,
        displayUrl: req.links.site,
        version: '1001.0.0-SNAPSHOT',
        versionNumbers: [1001, 0, 0],
        deploymentType: 'Cloud',
        buildNumber: 100250,
        buildDate: '2026-01-01T00:00:00.000+0000',
        scmInfo: 'sandbox',
        serverTitle: 'Jira',
        defaultLocale: { locale: 'en_US' },
        serverTimeZone: 'Etc/UTC',
      }),
  },
  {
    methods: ['GET'],
    pattern: /^\/_edge\/tenant_info$/,
    auth: 'none',
    handle: (_req, services) => json(200, { cloudId: services.cloudId }),
  },
]
