// Where the DHIS2 address and credentials come from: environment first, then a config file.
// Nothing of a secret may leave this module: a malformed file is reported by position, an address
// holding credentials is cleaned before any other module sees it, so every consumer (audit, report,
// ledger and cache file names) gets a credential-free `baseUrl`.
import { readFile, stat } from 'node:fs/promises'
import { z } from 'zod'
import { jsonErrorPosition } from '../core/json-position.js'
import { LocalizedError } from '../i18n/localized-error.js'
import type { Localized } from '../core/types.js'
import { messageFor, type MessageCode } from '../i18n/messages.js'
import type { Dhis2Config } from './client.js'

const configFileSchema = z.object({
    baseUrl: z.string().min(1),
    username: z.string().optional(),
    password: z.string().optional(),
    token: z.string().optional(),
    timeoutMs: z.number().int().positive().optional(),
})

/** A configuration the bridge cannot use; its text never quotes the file or the address given. */
export class ConfigError extends LocalizedError {
    constructor(text: Localized, hint?: Localized) {
        super(text, hint)
        this.name = 'ConfigError'
    }

    static from(code: MessageCode, params: Record<string, string | number> = {}): ConfigError {
        const { message, hint } = messageFor(code, params)
        return new ConfigError(message, hint)
    }
}

/** Something to tell the user about the configuration, which does not stop the run. */
export interface ConfigWarning {
    code: string
    message: Localized
    hint?: Localized
}

function warning(code: MessageCode, params: Record<string, string>): ConfigWarning {
    const { message, hint } = messageFor(code, params)
    return hint ? { code, message, hint } : { code, message }
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]'])

function isLocalHost(host: string): boolean {
    return LOCAL_HOSTS.has(host) || host.endsWith('.localhost') || /^127\./.test(host)
}

export interface CleanUrl {
    baseUrl: string
    username?: string
    password?: string
    warnings: ConfigWarning[]
}

/**
 * The address without credentials, query or fragment. `where` names the setting for messages
 * (DHIS2_BASE_URL or the file): the address itself is never quoted, it may hold a password.
 */
export function cleanBaseUrl(raw: string, where: string): CleanUrl {
    let url: URL
    try {
        url = new URL(raw.trim())
    } catch {
        throw ConfigError.from('CONFIG_BAD_URL', { where })
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw ConfigError.from('CONFIG_BAD_URL', { where })
    const out: CleanUrl = { baseUrl: '', warnings: [] }
    if (url.username || url.password) {
        out.warnings.push(warning('CONFIG_URL_CREDENTIALS', { where }))
        if (url.username) out.username = safeDecode(url.username)
        if (url.password) out.password = safeDecode(url.password)
    }
    // a query (?api_token=…) or fragment has no place in a base address and may hold a secret too
    const clean = `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '')
    if (url.protocol === 'http:' && !isLocalHost(url.hostname))
        out.warnings.push(warning('CONFIG_INSECURE_HTTP', { host: url.hostname }))
    out.baseUrl = clean
    return out
}

function safeDecode(s: string): string {
    try {
        return decodeURIComponent(s)
    } catch {
        return s
    }
}

async function readConfigFile(path: string): Promise<{
    file: z.infer<typeof configFileSchema>
    warnings: ConfigWarning[]
}> {
    let text: string
    let mode: number
    try {
        text = await readFile(path, 'utf8')
        mode = (await stat(path)).mode
    } catch {
        throw ConfigError.from('CONFIG_NOT_FOUND', { file: path })
    }
    const warnings: ConfigWarning[] = []
    if (process.platform !== 'win32' && (mode & 0o077) !== 0)
        warnings.push(warning('CONFIG_FILE_READABLE', { file: path }))
    const body = text.replace(/^\uFEFF/, '')
    let raw: unknown
    try {
        raw = JSON.parse(body)
    } catch {
        // JSON.parse's own message quotes the text around the fault: a position only
        const at = jsonErrorPosition(body) ?? { line: 1, column: 1 }
        throw ConfigError.from('CONFIG_SYNTAX', { file: path, line: at.line, column: at.column })
    }
    const parsed = configFileSchema.safeParse(raw)
    if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(racine)'))]
        throw ConfigError.from('CONFIG_INVALID', { file: path, fields: fields.join(', ') })
    }
    return { file: parsed.data, warnings }
}

/**
 * DHIS2_BASE_URL with DHIS2_TOKEN, or DHIS2_USERNAME + DHIS2_PASSWORD; a config file
 * (JSON: baseUrl, username/password or token) fills what the environment lacks. Credentials written
 * inside the address are taken out of it (and used when nothing else is given), with a warning.
 */
export async function loadDhis2Config(
    env: Record<string, string | undefined> = process.env,
    configFile?: string
): Promise<Dhis2Config> {
    let file: z.infer<typeof configFileSchema> | undefined
    const warnings: ConfigWarning[] = []
    const path = configFile ?? env.BRIDGE_CONFIG
    if (path) {
        const read = await readConfigFile(path)
        file = read.file
        warnings.push(...read.warnings)
    }
    const fromEnv = env.DHIS2_BASE_URL !== undefined && env.DHIS2_BASE_URL !== ''
    const rawUrl = fromEnv ? env.DHIS2_BASE_URL : file?.baseUrl
    if (!rawUrl) throw ConfigError.from('CONFIG_NO_URL')
    const url = cleanBaseUrl(rawUrl, fromEnv ? 'DHIS2_BASE_URL' : (path ?? 'config'))
    warnings.push(...url.warnings)
    const token = env.DHIS2_TOKEN ?? file?.token
    const username = env.DHIS2_USERNAME ?? file?.username ?? url.username
    const password = env.DHIS2_PASSWORD ?? file?.password ?? url.password
    const timeoutMs = env.DHIS2_TIMEOUT_MS ? Number(env.DHIS2_TIMEOUT_MS) : file?.timeoutMs
    const base: Omit<Dhis2Config, 'auth'> = {
        baseUrl: url.baseUrl,
        ...(timeoutMs && Number.isFinite(timeoutMs) && timeoutMs > 0 ? { timeoutMs } : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
    }
    if (token) return { ...base, auth: { kind: 'token', token } }
    if (username && password) return { ...base, auth: { kind: 'basic', username, password } }
    throw ConfigError.from('CONFIG_NO_CREDENTIALS')
}
