// Every route of the data value part: data value sets, complete registrations and the task notifier.
import {
    deleteCompleteRegistrations,
    getCompleteRegistrations,
    postCompleteRegistrations,
} from '../completeness/registrations.js'
import type { Route } from '../core/types.js'
import { taskRoutes } from '../tasks/routes.js'
import { getDataValueSets } from './export.js'
import { postDataValueSets } from './post-route.js'

export const dataValueRoutes: Route[] = [
    { method: 'POST', pattern: 'dataValueSets', handler: postDataValueSets },
    { method: 'GET', pattern: 'dataValueSets', handler: getDataValueSets },
    { method: 'POST', pattern: 'completeDataSetRegistrations', handler: postCompleteRegistrations },
    { method: 'GET', pattern: 'completeDataSetRegistrations', handler: getCompleteRegistrations },
    { method: 'DELETE', pattern: 'completeDataSetRegistrations', handler: deleteCompleteRegistrations },
    ...taskRoutes,
]
