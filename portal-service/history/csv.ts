/**
 * @module
 * CSV as RFC 4180 writes it (CRLF line ends, fields quoted when they hold a quote, a comma or
 * a line break, quotes doubled), with text that looks like a formula (starting with = + - @,
 * a tab or a carriage return) prefixed with an apostrophe, so a spreadsheet shows it instead
 * of running it (OWASP, "CSV Injection"). Pure.
 */

export type CsvValue = string | number | boolean | null

const FORMULA_START = /^[=+\-@\t\r]/

/** Text a spreadsheet would read as a formula, made inert. Numbers are left as they are. */
export function neutralize(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

export function csvField(value: CsvValue): string {
  if (value === null) return ''
  const text = typeof value === 'string' ? neutralize(value) : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The header row, then one row per record; every line ends with CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('')
}
