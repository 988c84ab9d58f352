// Word lists for project names and summaries: realistic ones for the demo, building blocks otherwise.

export const DEMO_PROJECTS: readonly { key: string; name: string }[] = [
  { key: 'MOB', name: 'Mobile Banking App' },
  { key: 'PORTAL', name: 'Customer Portal' },
  { key: 'DATA', name: 'Data Platform' },
  { key: 'PAY', name: 'Payments' },
  { key: 'CHK', name: 'Checkout Revamp' },
  { key: 'OPS', name: 'Cloud Operations' },
  { key: 'HR', name: 'People Systems' },
  { key: 'MKT', name: 'Marketing Website' },
  { key: 'SEC', name: 'Security Hardening' },
  { key: 'CRM', name: 'Sales CRM Migration' },
  { key: 'ANA', name: 'Analytics Dashboards' },
  { key: 'INT', name: 'Partner Integrations' },
]

export const DEMO_EPICS: readonly string[] = [
  'Onboarding flow redesign',
  'Single sign-on with Entra ID',
  'Move invoices to the new ledger',
  'Accessibility audit fixes',
  'Offline mode for field agents',
  'Replace legacy search',
  'GDPR data export',
  'Push notifications',
  'Self-service password reset',
  'Quarterly pricing update',
  'Performance budget for the home page',
  'Fraud detection rules v2',
  'Multi-currency support',
  'Audit logging',
  'Dark mode',
  'Customer feedback widget',
]

export const VERBS: readonly string[] = [
  'Add',
  'Fix',
  'Update',
  'Refactor',
  'Document',
  'Test',
  'Remove',
  'Design',
  'Migrate',
  'Review',
  'Improve',
  'Validate',
  'Localize',
  'Monitor',
  'Automate',
]

export const OBJECTS: readonly string[] = [
  'login form',
  'API client',
  'payment webhook',
  'export job',
  'settings page',
  'email template',
  'search index',
  'error banner',
  'audit trail',
  'release pipeline',
  'data model',
  'access rules',
  'rate limiter',
  'onboarding checklist',
  'invoice PDF',
  'feature flag',
  'cache layer',
  'user profile',
]

export const CODENAMES: readonly string[] = [
  'Falcon',
  'Aurora',
  'Nimbus',
  'Atlas',
  'Comet',
  'Harbor',
  'Juniper',
  'Meridian',
  'Orion',
  'Pioneer',
  'Quartz',
  'Sequoia',
  'Tundra',
  'Vertex',
  'Willow',
  'Zephyr',
  'Beacon',
  'Cascade',
  'Delta',
  'Ember',
]

export const AREAS: readonly string[] = [
  'Billing',
  'Analytics',
  'Platform',
  'Mobile',
  'Identity',
  'Checkout',
  'Reporting',
  'Logistics',
  'Support',
  'Catalog',
  'Search',
  'Onboarding',
  'Infrastructure',
  'Compliance',
  'Growth',
]

export const TEAMMATES: readonly { email: string; displayName: string; timeZone: string }[] = [
  {
    email: 'maria.jensen@sandbox.test',
    displayName: 'Maria Jensen',
    timeZone: 'Europe/Copenhagen',
  },
  { email: 'tom.okafor@sandbox.test', displayName: 'Tom Okafor', timeZone: 'Europe/London' },
  { email: 'priya.raman@sandbox.test', displayName: 'Priya Raman', timeZone: 'Asia/Kolkata' },
  { email: 'lucas.moreau@sandbox.test', displayName: 'Lucas Moreau', timeZone: 'Europe/Paris' },
  { email: 'emma.schulz@sandbox.test', displayName: 'Emma Schulz', timeZone: 'Europe/Berlin' },
  { email: 'kenji.sato@sandbox.test', displayName: 'Kenji Sato', timeZone: 'Asia/Tokyo' },
]

/** 0 → 'A', 25 → 'Z', 26 → 'AA': short unique suffixes for generated project keys. */
export function letters(index: number): string {
  let n = index
  let out = ''
  do {
    out = String.fromCharCode(65 + (n % 26)) + out
    n = Math.floor(n / 26) - 1
  } while (n >= 0)
  return out
}
