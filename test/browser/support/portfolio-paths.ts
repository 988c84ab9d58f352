// Where the seeded portfolios' pages are, by the names people see.
import type { BrowserFixture } from './browser-fixture.js'

export function pathsOf(f: BrowserFixture) {
  const banking = `/portfolios/${f.seeded.digitalBanking}`
  const retail = `/portfolios/${f.seeded.retailExpansion}`
  return {
    banking,
    retail,
    initiative: (name: string) => `${banking}/initiatives/${f.seeded.initiatives[name]}`,
    integrations: (portfolio: string) => `${portfolio}/settings/integrations`,
  }
}
