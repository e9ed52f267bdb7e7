// kubectl's tabwriter layout: each column as wide as its widest cell plus 3 spaces; the last column unpadded.
export function columns(rows: string[][], padding = 3): string {
  if (rows.length === 0) return ''
  const widths: number[] = []
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)))
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + padding))).join('') + '\n').join('')
}
