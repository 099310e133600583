// The header bar's app menu (getModules.action, /api/apps/menu): installed apps the user may open.
import type { SimUser } from '../core/types.js'
import type { ServerContext } from '../server/context.js'

export function menuModules(ctx: ServerContext, user: SimUser, baseUrl: string) {
    return ctx.apps
        .list()
        .filter((app) => ctx.apps.canAccess(user, app))
        .map((app) => {
            const icons = app.manifest.icons
            const icon =
                icons && typeof icons === 'object' ? (icons as Record<string, unknown>)['48'] : undefined
            const launch = app.manifest.launch_path ?? 'index.html'
            return {
                name: app.key,
                namespace: `/api/apps/${app.key}`,
                defaultAction: `${baseUrl}/api/apps/${app.key}/${launch}`,
                displayName: app.manifest.name ?? app.key,
                icon: typeof icon === 'string' ? `${baseUrl}/api/apps/${app.key}/${icon}` : '',
                description: typeof app.manifest.description === 'string' ? app.manifest.description : '',
            }
        })
}
