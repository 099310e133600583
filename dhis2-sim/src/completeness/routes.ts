// Every route of the data value part: data value sets, complete registrations and the task notifier. The
// table lives in completeness/, the part's top folder: registrations build on data-values/, not the reverse.
import type { Route } from '../core/types.js'
import { getDataValueSets } from '../data-values/export.js'
import { postDataValueSets } from '../data-values/post-route.js'
import { taskRoutes } from '../tasks/routes.js'
import {
    deleteCompleteRegistrations,
    getCompleteRegistrations,
    postCompleteRegistrations,
} from './registrations.js'

export const dataValueRoutes: Route[] = [
    { method: 'POST', pattern: 'dataValueSets', handler: postDataValueSets },
    { method: 'GET', pattern: 'dataValueSets', handler: getDataValueSets },
    { method: 'POST', pattern: 'completeDataSetRegistrations', handler: postCompleteRegistrations },
    { method: 'GET', pattern: 'completeDataSetRegistrations', handler: getCompleteRegistrations },
    { method: 'DELETE', pattern: 'completeDataSetRegistrations', handler: deleteCompleteRegistrations },
    ...taskRoutes,
]
