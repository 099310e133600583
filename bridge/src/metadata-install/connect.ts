// A MetadataApi from the bridge's usual configuration (environment or --config file).
import { Dhis2Client } from '../dhis2/client.js'
import { loadDhis2Config } from '../dhis2/config.js'
import { fromClient, type MetadataApi } from './api.js'

export async function connectFromConfig(configFile?: string): Promise<MetadataApi> {
    const config = await loadDhis2Config(process.env, configFile)
    return fromClient(new Dhis2Client(config))
}
