// The JQL a webhook filter may use: Jira documents a subset (the OpenAPI `WebhookDetails.jqlFilter`):
// fields issueKey, project, issuetype, status, assignee, reporter (and issue.property, cf[id] for the
// epic label) with the operators =, !=, IN and NOT IN. The sandbox refuses the rest, as Jira does.
import type { Clause } from '../jql/ast.js'
import { JqlError } from '../jql/jql-error.js'
import { parseJql } from '../jql/parser.js'

const FIELDS = new Set([
  'issuekey',
  'key',
  'project',
  'issuetype',
  'type',
  'status',
  'assignee',
  'reporter',
])
const OPERATORS = new Set(['=', '!=', 'in', 'not in'])

/** Throws an Error in words when `jql` is not a valid webhook filter; empty means every issue. */
export function checkWebhookJql(jql: string): void {
  if (jql.trim() === '') return
  let query
  try {
    query = parseJql(jql)
  } catch (error) {
    if (error instanceof JqlError)
      throw new Error(`Invalid webhook JQL: ${error.messages.join(' ')}`)
    throw error
  }
  if (query.orderBy.length > 0) throw new Error('A webhook JQL filter cannot have ORDER BY')
  if (query.where) checkClause(query.where)
}

function checkClause(clause: Clause): void {
  if (clause.kind === 'and' || clause.kind === 'or') return clause.items.forEach(checkClause)
  if (clause.kind === 'not') return checkClause(clause.item)
  if (!FIELDS.has(clause.field.toLowerCase())) {
    throw new Error(`Webhook JQL does not support the field '${clause.field}'`)
  }
  if (!OPERATORS.has(clause.operator)) {
    throw new Error(`Webhook JQL does not support the operator '${clause.operator}'`)
  }
}
