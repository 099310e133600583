// A MetadataApi from the bridge's usual configuration (environment or --config file); its warnings
// (credentials in the address, http://…) are said on stderr, as for the data commands.
import { loadConfigAndWarn } from '../cli/shared-options.js'
import type { Lang } from '../core/types.js'
import { Dhis2Client } from '../dhis2/client.js'
import { fromClient, type MetadataApi } from './api.js'

export async function connectFromConfig(configFile?: string, lang: Lang = 'fr'): Promise<MetadataApi> {
    const config = await loadConfigAndWarn(configFile, lang)
    return fromClient(new Dhis2Client(config))
}
