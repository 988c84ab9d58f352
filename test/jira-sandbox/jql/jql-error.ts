// A JQL query Jira refuses: one or more messages for the 400 body's `errorMessages`.

export class JqlError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join(' '))
  }
}

/** Syntax errors carry Jira's prefix and a 1-based position. */
export function syntaxError(detail: string, pos?: number): JqlError {
  const where = pos === undefined ? '' : ` (line 1, character ${pos + 1})`
  return new JqlError([`Error in the JQL Query: ${detail}${where}`])
}
