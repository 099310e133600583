// A MetadataApi from a loaded configuration: the commands that read or write metadata (install,
// facilities, drift) start here, as the data commands start from `new Dhis2Client(config)`.
import { Dhis2Client, type Dhis2Config } from './client.js'
import { fromClient, type MetadataApi } from './metadata-api.js'

export function connectMetadataApi(config: Dhis2Config): MetadataApi {
    return fromClient(new Dhis2Client(config))
}
