// Kept only for dhis2-app/e2e/private-share.e2e.ts, which imports the push by its old name and path
// (a file of the app's engineers). The command is push/handler.ts runPush; delete this file once
// that import reads `import { runPush } from '../../bridge/src/push/handler'`.
export { runPush as pushHandler } from '../push/handler.js'
