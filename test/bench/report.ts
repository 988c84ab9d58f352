// Prints the figures as a table, each with its target and PASS/FAIL, and writes .bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname } from 'node:path'
import type { Figure } from './figures.js'

export interface BenchReport {
  startedAt: string
  finishedAt: string
  durationSeconds: number
  machine: { cpus: number; cpuModel: string; node: string; platform: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] }
  jiraLatencyMs: number
  database: string
  figures: Figure[]
  summary: { pass: number; fail: number; info: number }
}

function verdict(figure: Figure): string {
  return figure.pass === null ? 'info' : figure.pass ? 'PASS' : 'FAIL'
}

function formatValue(figure: Figure): string {
  if (figure.unit === 'bool') return figure.value === 1 ? 'yes' : 'no'
  const digits = Math.abs(figure.value) >= 100 ? 0 : figure.unit === 'x' || figure.unit === 'ratio' ? 2 : 1
  return `${figure.value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${figure.unit}`
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length)
}

/** The table, one block per workload size, in the order the sizes ran. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.workload.label, f.name, formatValue(f), f.target ?? '', verdict(f), f.note ?? ''])
  const header = ['size', 'figure', 'value', 'target', 'result', 'note']
  const widths = header.map((h, i) => Math.min(72, Math.max(h.length, ...rows.map((r) => r[i]!.length))))
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd()
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')]
  let last = ''
  for (const row of rows) {
    if (last && row[0] !== last) out.push('')
    last = row[0]!
    out.push(line(row))
  }
  return out.join('\n')
}

export function summarize(figures: readonly Figure[]): BenchReport['summary'] {
  return {
    pass: figures.filter((f) => f.pass === true).length,
    fail: figures.filter((f) => f.pass === false).length,
    info: figures.filter((f) => f.pass === null).length,
  }
}

/** The machine, with its 1-, 5- and 15-minute load averages: other work on it skews every figure. */
export function machine(loadAverageAtStart: number[]): BenchReport['machine'] {
  const list = cpus()
  const round = (values: number[]) => values.map((v) => Math.round(v * 100) / 100)
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    node: process.version,
    platform: process.platform,
    loadAverageAtStart: round(loadAverageAtStart),
    loadAverageAtEnd: round(loadavg()),
  }
}

/** A warning when other processes kept the machine busy, or null. */
export function loadWarning(report: Pick<BenchReport, 'machine'>): string | null {
  const worst = Math.max(report.machine.loadAverageAtStart[0] ?? 0, report.machine.loadAverageAtEnd[0] ?? 0)
  if (worst <= report.machine.cpus) return null
  return `Warning: the machine's load average reached ${worst} on ${report.machine.cpus} CPUs (other work running): latency and throughput figures are pessimistic.`
}

export function writeReport(file: string, report: BenchReport): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
}
