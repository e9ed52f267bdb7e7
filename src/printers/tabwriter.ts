// Go's text/tabwriter, as kubectl uses it: cells are tab-terminated, a column block is a run of consecutive lines
// that have a cell in that column, and each block is as wide as its widest cell plus padding (at least minwidth).
// The text after the last tab of a line is not a column and is never padded.

export interface TabwriterOptions {
  minwidth: number
  padding: number
}

/** kubectl get: minwidth 6, padding 3 (cli-runtime printers.GetNewTabWriter). */
export const TABLE_TABWRITER: TabwriterOptions = {minwidth: 6, padding: 3}
/** kubectl describe: minwidth 0, padding 2. */
export const DESCRIBE_TABWRITER: TabwriterOptions = {minwidth: 0, padding: 2}

const width = (s: string): number => {
  let n = 0
  for (const _ of s) n++
  return n
}

export function tabwrite(text: string, opts: TabwriterOptions): string {
  const endsWithNewline = text.endsWith('\n')
  const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split('\n')
  const lines = rawLines.map((l) => l.split('\t'))
  const out: string[] = []
  const widths: number[] = []

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const cells = lines[i]
      let s = ''
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j]
        s += c
        // only tab-terminated cells (all but the last) are padded, and only where a width is known
        if (j < cells.length - 1 && j < widths.length) s += ' '.repeat(Math.max(0, widths[j] - width(c)))
      }
      out[i] = s
    }
  }

  const format = (line0: number, line1: number): void => {
    const column = widths.length
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue
      writeLines(line0, t)
      line0 = t
      let w = opts.minwidth
      for (; t < line1; t++) {
        const cells = lines[t]
        if (column >= cells.length - 1) break
        const cw = width(cells[column]) + opts.padding
        if (cw > w) w = cw
      }
      widths.push(w)
      format(line0, t)
      widths.pop()
      line0 = t
      t-- // the for loop's t++ must revisit the line that ended the block
    }
    writeLines(line0, line1)
  }

  format(0, lines.length)
  return out.join('\n') + (endsWithNewline ? '\n' : '')
}
