/**
 * @module
 * `ForgeReconciler`, whichever way the module system hands it over. @forge/react is CommonJS
 * with `exports.default`: TypeScript under NodeNext (our tsconfig) types the default import as
 * the whole module, while the Forge CLI's webpack honours `__esModule` and gives the reconciler
 * itself. Picking at run time keeps both the type checker and the deployed bundle right.
 */
import ForgeReactDefault from '@forge/react'

type Reconciler = typeof ForgeReactDefault.default

function isReconciler(value: unknown): value is Reconciler {
  return typeof value === 'object' && value !== null && 'render' in value && typeof value.render === 'function'
}

export const ForgeReconciler: Reconciler = isReconciler(ForgeReactDefault) ? ForgeReactDefault : ForgeReactDefault.default
