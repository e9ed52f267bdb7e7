import {describe, expect, it} from 'vitest'
import {k8sim, tempHome} from '../helpers/cli.js'

// spawned: colour depends on the real process environment (TTY, NO_COLOR, FORCE_COLOR)
describe('colour policy of apply and replay', () => {
  const home = tempHome()
  const args = ['apply', '-f', 'fixtures/broken/lb-pending', '--dry-run=client']
  it('no ANSI when piped; FORCE_COLOR adds it; NO_COLOR wins', () => {
    const piped = k8sim(args, {home, env: {FORCE_COLOR: '', NO_COLOR: ''}})
    expect(piped.stdout).toContain('\n  warning lb-pending: Service/front')
    expect(piped.stdout).not.toContain('\u001b[')
    const forced = k8sim(args, {home, env: {NO_COLOR: '', FORCE_COLOR: '1'}})
    expect(forced.stdout).toContain('\u001b[33mwarning\u001b[39m lb-pending')
    const flag = k8sim([...args, '--no-color'], {home, env: {NO_COLOR: '', FORCE_COLOR: '1'}})
    expect(flag.stdout).not.toContain('\u001b[')
    const both = k8sim(args, {home, env: {NO_COLOR: '1', FORCE_COLOR: '1'}})
    expect(both.stdout).not.toContain('\u001b[')
  })
})
