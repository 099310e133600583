// A throw-away PostgreSQL cluster for the storage tests, from Debian's `postgresql` package: created in a
// temporary folder, listening on 127.0.0.1 only on a free port, trust authentication, removed afterwards.
// PostgreSQL refuses to run as root: as root the folder is given to `postgres` and the tools run as it.
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface PostgresCluster {
    /** `postgres://postgres@127.0.0.1:<port>/postgres` */
    url: string
    stop(): Promise<void>
}

const PG_ROOT = '/usr/lib/postgresql'

/** The newest installed major version's bin folder. */
export function postgresBinDir(): string {
    const versions = existsSync(PG_ROOT)
        ? readdirSync(PG_ROOT)
              .filter((v) => /^\d+$/.test(v) && existsSync(join(PG_ROOT, v, 'bin', 'pg_ctl')))
              .sort((a, b) => Number(b) - Number(a))
        : []
    if (versions.length === 0)
        throw new Error(
            `PostgreSQL is not installed (no ${PG_ROOT}/<version>/bin/pg_ctl): run scripts/setup.sh, ` +
                `or apt-get install postgresql`
        )
    return join(PG_ROOT, versions[0]!, 'bin')
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer()
        server.once('error', reject)
        server.listen(0, '127.0.0.1', () => {
            const address = server.address()
            server.close(() =>
                typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))
            )
        })
    })
}

function postgresUser(): { uid: number; gid: number } {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    return { uid, gid }
}

export async function startPostgres(): Promise<PostgresCluster> {
    const bin = postgresBinDir()
    const asRoot = process.getuid?.() === 0
    const dir = mkdtempSync(join(tmpdir(), 'bridge-pg-'))
    const data = join(dir, 'data')
    const log = join(dir, 'server.log')
    if (asRoot) {
        const { uid, gid } = postgresUser()
        chownSync(dir, uid, gid)
    }
    const run = (tool: string, args: string[]): void => {
        const command = asRoot ? 'runuser' : join(bin, tool)
        const full = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args
        execFileSync(command, full, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 })
    }
    try {
        // --no-sync and fsync=off: nothing here needs to survive a power cut, and it is 10× faster
        run('initdb', [
            '-D',
            data,
            '-U',
            'postgres',
            '--auth=trust',
            '-E',
            'UTF8',
            '--no-locale',
            '--no-sync',
        ])
        const port = await freePort()
        const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=100`
        run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start'])
        return {
            url: `postgres://postgres@127.0.0.1:${port}/postgres`,
            async stop() {
                try {
                    run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
                } finally {
                    rmSync(dir, { recursive: true, force: true })
                }
            },
        }
    } catch (e) {
        const why = (e as { stderr?: Buffer }).stderr?.toString().trim() || (e as Error).message
        const serverLog = existsSync(log)
            ? readFileSync(log, 'utf8').trim().split('\n').slice(-5).join('\n')
            : ''
        rmSync(dir, { recursive: true, force: true })
        throw new Error(
            `PostgreSQL could not be started for the storage tests: ${why}${serverLog ? `\n${serverLog}` : ''}`,
            { cause: e }
        )
    }
}
