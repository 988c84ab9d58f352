// The portal <-> Forge app contract: operations and their answers, request signing, the replay guard and the shared secret.
export * from './answers.js'
export * from './operations.js'
export * from './signing.js'
export * from './replay-guard.js'
export * from './secret.js'
export * from './notice-delivery.js'
