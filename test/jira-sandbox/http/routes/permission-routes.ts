// `GET /mypermissions`: what the caller may do, globally or in a project or issue. Only the site
// admin holds ADMINISTER; project permissions follow the projects an account can see.
import { visibleProjects } from '../../jql/matcher.js'
import { jiraError, json } from '../reply.js'
import type { Route } from '../route.js'

interface PermissionDef {
  id: string
  name: string
  type: 'GLOBAL' | 'PROJECT'
  description: string
}

// Ids and names as Jira Cloud lists them in GET /permissions.
const PERMISSIONS: Record<string, PermissionDef> = {
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description:
      'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
  },
  SYSTEM_ADMIN: {
    id: '44',
    name: 'Administer Jira system',
    type: 'GLOBAL',
    description: 'Ability to perform all administration functions.',
  },
  USER_PICKER: {
    id: '27',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description: 'View and select users or groups from the user picker.',
  },
  BROWSE_PROJECTS: {
    id: '10',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
  },
  ADMINISTER_PROJECTS: {
    id: '23',
    name: 'Administer Projects',
    type: 'PROJECT',
    description: 'Ability to administer a project in Jira.',
  },
  CREATE_ISSUES: {
    id: '11',
    name: 'Create Issues',
    type: 'PROJECT',
    description: 'Ability to create issues.',
  },
  EDIT_ISSUES: {
    id: '12',
    name: 'Edit Issues',
    type: 'PROJECT',
    description: 'Ability to edit issues.',
  },
  ASSIGN_ISSUES: {
    id: '13',
    name: 'Assign Issues',
    type: 'PROJECT',
    description: 'Ability to assign issues to other people.',
  },
  ADD_COMMENTS: {
    id: '15',
    name: 'Add Comments',
    type: 'PROJECT',
    description: 'Ability to comment on issues.',
  },
  DELETE_ISSUES: {
    id: '16',
    name: 'Delete Issues',
    type: 'PROJECT',
    description: 'Ability to delete issues.',
  },
  TRANSITION_ISSUES: {
    id: '46',
    name: 'Transition Issues',
    type: 'PROJECT',
    description: 'Ability to transition issues.',
  },
}

export const permissionRoutes: Route[] = [
  {
    methods: ['GET'],
    pattern: /^\/rest\/api\/3\/mypermissions$/,
    auth: 'optional',
    handle(req, { store }) {
      const keys = (req.query.get('permissions') ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
      if (keys.length === 0) return jiraError(400, ['The permissions query parameter is required.'])
      const unknown = keys.filter((k) => !PERMISSIONS[k])
      if (unknown.length > 0)
        return jiraError(
          400,
          unknown.map((k) => `The permission key '${k}' is not valid.`),
        )
      const visible = visibleProjects(store, req.account)
      // The context: a project (by id or key) or an issue narrows project permissions to it.
      let projectId: number | undefined
      const projectRef = req.query.get('projectId') ?? req.query.get('projectKey')
      const issueRef = req.query.get('issueId') ?? req.query.get('issueKey')
      if (projectRef) {
        const project = store.projectRegistry.resolve(projectRef)
        if (!project || !visible.has(project.id))
          return jiraError(404, [`No project could be found with key '${projectRef}'.`])
        projectId = project.id
      } else if (issueRef) {
        const issue = store.resolveIssue(issueRef)
        if (!issue || !visible.has(issue.projectId))
          return jiraError(404, ['Issue does not exist or you do not have permission to see it.'])
        projectId = issue.projectId
      }
      const seesProject =
        projectId !== undefined
          ? true
          : visible.all
            ? store.projectRegistry.size > 0
            : visible.ids.size > 0
      const admin = req.account?.siteAdmin === true
      const permissions = Object.fromEntries(
        keys.map((key) => {
          const def = PERMISSIONS[key]!
          const have =
            def.type === 'GLOBAL'
              ? key === 'USER_PICKER'
                ? req.account !== null
                : admin
              : key === 'ADMINISTER_PROJECTS'
                ? admin && seesProject
                : seesProject
          return [
            key,
            {
              id: def.id,
              key,
              name: def.name,
              type: def.type,
              description: def.description,
              havePermission: have,
            },
          ]
        }),
      )
      return json(200, { permissions })
    },
  },
]
