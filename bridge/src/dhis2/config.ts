// Where the DHIS2 address and credentials come from: environment first, then a config file.
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import type { Dhis2Config } from './client.js'

const configFileSchema = z.object({
    baseUrl: z.string().url(),
    username: z.string().optional(),
    password: z.string().optional(),
    token: z.string().optional(),
    timeoutMs: z.number().int().positive().optional(),
})

export class ConfigError extends Error {
    constructor(message: string) {
        super(message)
        this.name = 'ConfigError'
    }
}

/**
 * DHIS2_BASE_URL with DHIS2_TOKEN, or DHIS2_USERNAME + DHIS2_PASSWORD; a config file
 * (JSON: baseUrl, username/password or token) fills what the environment lacks.
 */
export async function loadDhis2Config(
    env: Record<string, string | undefined> = process.env,
    configFile?: string
): Promise<Dhis2Config> {
    let file: z.infer<typeof configFileSchema> | undefined
    const path = configFile ?? env.BRIDGE_CONFIG
    if (path) {
        let raw: unknown
        try {
            raw = JSON.parse(await readFile(path, 'utf8'))
        } catch (e) {
            throw new ConfigError(
                `Fichier de configuration illisible / unreadable config file ${path}: ${e instanceof Error ? e.message : String(e)}`
            )
        }
        const parsed = configFileSchema.safeParse(raw)
        if (!parsed.success)
            throw new ConfigError(
                `Fichier de configuration invalide / invalid config file ${path}: ${parsed.error.issues.map((i) => i.path.join('.') + ' ' + i.message).join('; ')}`
            )
        file = parsed.data
    }
    const baseUrl = env.DHIS2_BASE_URL ?? file?.baseUrl
    if (!baseUrl)
        throw new ConfigError(
            'Adresse DHIS2 manquante : définissez DHIS2_BASE_URL ou --config. / DHIS2 address missing: set DHIS2_BASE_URL or --config.'
        )
    const token = env.DHIS2_TOKEN ?? file?.token
    const username = env.DHIS2_USERNAME ?? file?.username
    const password = env.DHIS2_PASSWORD ?? file?.password
    const timeoutMs = env.DHIS2_TIMEOUT_MS ? Number(env.DHIS2_TIMEOUT_MS) : file?.timeoutMs
    const base = { baseUrl, ...(timeoutMs ? { timeoutMs } : {}) }
    if (token) return { ...base, auth: { kind: 'token', token } }
    if (username && password) return { ...base, auth: { kind: 'basic', username, password } }
    throw new ConfigError(
        'Identifiants DHIS2 manquants : DHIS2_TOKEN, ou DHIS2_USERNAME et DHIS2_PASSWORD. / DHIS2 credentials missing: DHIS2_TOKEN, or DHIS2_USERNAME and DHIS2_PASSWORD.'
    )
}
