// The parsed form of the JQL subset the sandbox understands.

export type Operator =
  '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not'

export interface Value {
  text: string
  quoted: boolean
  /** 0-based offset in the query text. */
  pos: number
}

export interface FunctionCall {
  kind: 'function'
  name: string
  args: Value[]
  pos: number
}

export type Operand =
  | { kind: 'value'; value: Value }
  | { kind: 'list'; items: (Value | FunctionCall)[]; pos: number }
  | { kind: 'empty'; pos: number }
  | FunctionCall

export interface Term {
  kind: 'term'
  field: string
  pos: number
  operator: Operator
  operand: Operand
}

export type Clause =
  | Term
  | { kind: 'and'; items: Clause[] }
  | { kind: 'or'; items: Clause[] }
  | { kind: 'not'; item: Clause }

export interface SortKey {
  field: string
  direction: 'asc' | 'desc' | null
  pos: number
}

export interface Query {
  where: Clause | null
  orderBy: SortKey[]
}

export function isFunctionCall(item: Value | FunctionCall): item is FunctionCall {
  return (item as FunctionCall).kind === 'function'
}
