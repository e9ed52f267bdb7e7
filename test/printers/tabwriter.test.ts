import {describe, expect, it} from 'vitest'
import {DESCRIBE_TABWRITER, TABLE_TABWRITER, tabwrite} from '../../src/printers/tabwriter.js'

describe('tabwriter (Go text/tabwriter semantics)', () => {
  it('pads each column to its widest cell plus 3, at least 6; the last column is not padded', () => {
    expect(tabwrite('NAME\tAGE\nweb-1\t5s\n', TABLE_TABWRITER)).toBe('NAME    AGE\nweb-1   5s\n')
    expect(tabwrite('A\tB\tC\n', TABLE_TABWRITER)).toBe('A     B     C\n')
  })

  it('aligns column blocks of consecutive lines only (describe layout)', () => {
    const text = 'Name:\tx\nLabels:\ta=b\n\tc=d\nContainers:\n  web:\n    Image:\tnginx\n'
    expect(tabwrite(text, DESCRIBE_TABWRITER)).toBe('Name:    x\nLabels:  a=b\n         c=d\nContainers:\n  web:\n    Image:  nginx\n')
  })
})
