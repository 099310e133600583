// PLACEHOLDER written by the simulator-core engineer so that the simulator starts before the demo
// seed lands; the demo engineer owns this file and replaces it.
import type { DatabaseSeed } from '../core/types.js'

export function buildDemoSeed(_options: { includePackage: boolean }): DatabaseSeed {
    return {
        metadata: {},
        users: [
            {
                id: 'M5zQapPyTZI',
                username: 'admin',
                password: 'district',
                firstName: 'admin',
                surname: 'admin',
                organisationUnits: [],
                dataViewOrganisationUnits: [],
                authorities: ['ALL'],
                userRoles: [],
                userGroups: [],
                settings: {},
            },
        ],
        dataValues: [],
        completeRegistrations: [],
        systemSettings: {},
    }
}
