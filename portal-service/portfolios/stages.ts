// A portfolio's stages: its own ordered list, stored as JSON text.

export const DEFAULT_STAGES = ['Proposal', 'Planning', 'Execution', 'Done'] as const
export const MAX_STAGES = 20
export const MAX_STAGE_LENGTH = 50

export function parseStages(json: string): string[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value)
    ? value.filter((stage): stage is string => typeof stage === 'string')
    : []
}

export function serializeStages(stages: readonly string[]): string {
  return JSON.stringify(stages)
}
