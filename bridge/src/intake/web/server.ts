// The intake running: the service (database, outbox worker) and its pages listening on a port. One
// function for `bridge serve`, the demo and the tests, so that all three run the same thing.
import type { FastifyInstance } from 'fastify'
import type { Dhis2Config } from '../../dhis2/client.js'
import { openIntakeService, type IntakeService } from '../service.js'
import { buildIntakeApp, type IntakeAppOptions } from './app.js'

export interface IntakeServerOptions extends Omit<IntakeAppOptions, 'service'> {
    /** The bridge's service account: it pushes; people log in with their own DHIS2 accounts. */
    dhis2: Dhis2Config
    databaseUrl?: string
    stateDir: string
    mappingsRoot?: string
    port: number
    host?: string
    /** How often the outbox worker looks for work when nothing wakes it (ms). */
    workerPollMs?: number
    /** Run no outbox worker (another instance delivers). */
    noWorker?: boolean
}

export interface RunningIntake {
    url: string
    app: FastifyInstance
    service: IntakeService
    /** Stops taking requests, lets the worker finish its step, closes the database. */
    close(): Promise<void>
}

export async function startIntakeServer(options: IntakeServerOptions): Promise<RunningIntake> {
    const { dhis2, databaseUrl, stateDir, mappingsRoot, port, host, workerPollMs, noWorker, ...web } = options
    const service = await openIntakeService({
        dhis2,
        stateDir,
        ...(databaseUrl ? { databaseUrl } : {}),
        ...(mappingsRoot ? { mappingsRoot } : {}),
    })
    let app: FastifyInstance
    try {
        app = await buildIntakeApp({ ...web, service })
        await app.listen({ port, host: host ?? '127.0.0.1' })
    } catch (e) {
        await service.close()
        throw e
    }
    const worker = noWorker ? null : service.startWorker(workerPollMs ? { pollMs: workerPollMs } : undefined)
    const address = app.server.address()
    const actualPort = typeof address === 'object' && address ? address.port : port
    const shownHost = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
    let closing: Promise<void> | null = null
    return {
        url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${actualPort}`,
        app,
        service,
        close() {
            closing ??= (async () => {
                await app.close()
                await worker?.stop()
                await service.close()
            })()
            return closing
        },
    }
}
