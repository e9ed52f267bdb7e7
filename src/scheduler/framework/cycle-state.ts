// framework.CycleState: per-attempt plugin data. Values with clone() are deep-copied by clone() (preemption
// dry runs mutate a copy).

export interface StateData {
  clone(): StateData
}

export class CycleState {
  private data = new Map<string, unknown>()
  /** plugins whose PreFilter returned Skip: their Filter is not run */
  skipFilterPlugins = new Set<string>()
  /** plugins whose PreScore returned Skip: their Score is not run */
  skipScorePlugins = new Set<string>()
  /** Filter plugins not skipped (computed once per cycle by the framework) */
  activeFilters: unknown[] | undefined
  /** per Filter plugin index: skipped by its PreFilter (computed once per cycle) */
  skipFilterMask: boolean[] | undefined

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined
  }

  write(key: string, value: unknown): void {
    this.data.set(key, value)
  }

  clone(): CycleState {
    const c = new CycleState()
    for (const [k, v] of this.data) {
      c.data.set(k, v && typeof (v as StateData).clone === 'function' ? (v as StateData).clone() : v)
    }
    c.skipFilterPlugins = new Set(this.skipFilterPlugins)
    c.skipScorePlugins = new Set(this.skipScorePlugins)
    c.activeFilters = this.activeFilters
    c.skipFilterMask = this.skipFilterMask
    return c
  }
}
