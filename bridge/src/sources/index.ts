// Loads every source kind so it registers itself (clinic reports here; labs and mutuelles from issue 3).
import './facility-report/kind.js'
import './lab/kind.js'
import './mutuelle/kind.js'

export { getSourceKind, sourceKinds } from './registry.js'
