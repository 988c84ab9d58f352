// The portal <-> Forge app contract: request signing, the replay guard and the shared secret.
export * from './signing.js'
export * from './replay-guard.js'
export * from './secret.js'
