// One measured figure with its target and verdict, as printed and stored in .bench/results.json.
import type { Workload } from './workload.js'

export interface WorkloadSize {
  label: string
  scale: number
  projects: number
  initiatives: number
  epics: number
  children: number
}

export interface Figure {
  /** Stable id for comparing runs, e.g. `full_sync.calls`. */
  id: string
  name: string
  value: number
  unit: string
  /** The target in words (`<= 504`), or null for a figure printed for information. */
  target: string | null
  /** Whether the target holds; null when there is no target at this size. */
  pass: boolean | null
  note?: string
  workload: WorkloadSize
}

export function sizeOf(w: Workload): WorkloadSize {
  return { label: w.label, scale: w.scale, projects: w.projects, initiatives: w.initiatives, epics: w.epics, children: w.children }
}

/** Collects the figures of one workload size. */
export class FigureSet {
  readonly figures: Figure[] = []

  constructor(readonly size: WorkloadSize) {}

  info(id: string, name: string, value: number, unit: string, note?: string): Figure {
    return this.push({ id, name, value, unit, target: null, pass: null, ...(note ? { note } : {}) })
  }

  atMost(id: string, name: string, value: number, unit: string, limit: number, note?: string): Figure {
    return this.push({ id, name, value, unit, target: `<= ${round(limit)}`, pass: value <= limit, ...(note ? { note } : {}) })
  }

  atLeast(id: string, name: string, value: number, unit: string, floor: number, note?: string): Figure {
    return this.push({ id, name, value, unit, target: `>= ${round(floor)}`, pass: value >= floor, ...(note ? { note } : {}) })
  }

  /** A yes/no check, stored as 1 or 0. */
  holds(id: string, name: string, ok: boolean, target: string, note?: string): Figure {
    return this.push({ id, name, value: ok ? 1 : 0, unit: 'bool', target, pass: ok, ...(note ? { note } : {}) })
  }

  private push(figure: Omit<Figure, 'workload'>): Figure {
    const full = { ...figure, value: round(figure.value), workload: this.size }
    this.figures.push(full)
    return full
  }
}

/** Two decimals at most: enough for ratios, milliseconds and megabytes. */
export function round(value: number): number {
  return Math.round(value * 100) / 100
}
