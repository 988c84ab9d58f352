// Module keys the code needs to name; they must match manifest.yml (test/forge/manifest.test.ts checks).
export const PORTAL_WEB_TRIGGER_KEY = 'portal-webtrigger'
