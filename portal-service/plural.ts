// Counts in sentences the portal shows ("1 child issue", "3 epics"): one rule for pages and attention items.

/** `n` with the noun in its singular or plural form. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
