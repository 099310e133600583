// An intake outbox worker in its own process, for the kill -9 test. Arguments: <stateDir>; DHIS2
// address and service account from the environment. Prints one line per submission it settles.
import { openIntakeService } from '../../src/intake/service.js'

const [stateDir] = process.argv.slice(2)
const service = await openIntakeService({
    dhis2: {
        baseUrl: process.env.DHIS2_BASE_URL ?? '',
        auth: {
            kind: 'basic',
            username: process.env.DHIS2_USERNAME ?? '',
            password: process.env.DHIS2_PASSWORD ?? '',
        },
        timeoutMs: 60_000,
    },
    stateDir: stateDir ?? '',
})
service.startWorker({
    pollMs: 50,
    concurrency: 2,
    // small batches, so that the kill lands between batches and inside one
    batchSize: 3,
    leaseMs: Number(process.env.LEASE_MS ?? 2000),
    onSettled: (e) => process.stdout.write(`${e.outcome} ${e.submissionId}\n`),
})
process.stdout.write('ready\n')
