// Personal access tokens (docs/dhis2-api.md §12.2). 2.41+ issues V2 tokens: `d2p_` + 44 random characters +
// the CRC32 of those in base62, padded to 6. Only a SHA-256 digest of each token is kept.
import { crc32 } from 'node:zlib'
import { generateUid, randomString } from '../core/uid.js'
import { sha256 } from './passwords.js'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const DEFAULT_EXPIRY_MS = 30 * 24 * 60 * 60 * 1000

export interface TokenAttribute {
    type: 'IpAllowedList' | 'MethodAllowedList' | 'RefererAllowedList'
    allowedIps?: string[]
    allowedMethods?: string[]
    allowedReferrers?: string[]
}

export interface StoredToken {
    uid: string
    digest: string
    username: string
    version: number
    type: string
    expire: number
    created: string
    attributes: TokenAttribute[]
}

function base62(value: number, width: number): string {
    let out = ''
    let rest = value >>> 0
    do {
        out = BASE62[rest % 62] + out
        rest = Math.floor(rest / 62)
    } while (rest > 0)
    return out.padStart(width, '0')
}

export function newV2TokenKey(): string {
    const body = randomString(44)
    return `d2p_${body}${base62(crc32(body), 6)}`
}

/** 2.38–2.40 tokens: `d2pat_` + 32 random characters + CRC32 as 10 zero-padded digits. */
export function newV1TokenKey(): string {
    const body = randomString(32)
    return `d2pat_${body}${String(crc32(body)).padStart(10, '0')}`
}

/** Checks the embedded checksum of a V1 (`d2pat_`) or V2 (`d2p_`) token. */
export function hasValidChecksum(token: string): boolean {
    if (token.startsWith('d2p_') && token.length === 54) {
        const body = token.slice(4, 48)
        return base62(crc32(body), 6) === token.slice(48)
    }
    if (token.startsWith('d2pat_') && token.length === 48) {
        const body = token.slice(6, 38)
        return String(crc32(body)).padStart(10, '0') === token.slice(38)
    }
    return false
}

export type TokenResolution = { ok: true; username: string } | { ok: false; message: string }

export interface TokenRequestContext {
    method: string
    ip: string
    referer: string | undefined
}

export class TokenStore {
    private readonly tokens = new Map<string, StoredToken>()

    constructor(
        private readonly now: () => Date,
        private readonly onChange: (
            record: { kind: 'put'; token: StoredToken } | { kind: 'remove'; uid: string }
        ) => void
    ) {}

    create(
        username: string,
        expire: number | undefined,
        attributes: TokenAttribute[],
        version: 1 | 2
    ): { key: string; token: StoredToken } {
        const key = version === 2 ? newV2TokenKey() : newV1TokenKey()
        const token: StoredToken = {
            uid: generateUid(),
            digest: sha256(key),
            username,
            version,
            type: version === 2 ? 'PERSONAL_ACCESS_TOKEN_V2' : 'PERSONAL_ACCESS_TOKEN',
            expire: expire ?? this.now().getTime() + DEFAULT_EXPIRY_MS,
            created: this.now().toISOString(),
            attributes,
        }
        this.restore(token)
        this.onChange({ kind: 'put', token })
        return { key, token }
    }

    restore(token: StoredToken): void {
        this.tokens.set(token.digest, token)
    }

    list(username: string): StoredToken[] {
        return [...this.tokens.values()].filter((token) => token.username === username)
    }

    remove(uid: string): boolean {
        for (const [digest, token] of this.tokens) {
            if (token.uid === uid) {
                this.tokens.delete(digest)
                this.onChange({ kind: 'remove', uid })
                return true
            }
        }
        return false
    }

    forget(uid: string): void {
        for (const [digest, token] of this.tokens) if (token.uid === uid) this.tokens.delete(digest)
    }

    clear(): void {
        this.tokens.clear()
    }

    resolve(key: string, request: TokenRequestContext): TokenResolution {
        const token = this.tokens.get(sha256(key))
        if (!token) return { ok: false, message: 'The API token does not exists' }
        if (token.expire <= this.now().getTime()) {
            return { ok: false, message: 'Failed to authenticate API token, token has expired.' }
        }
        for (const attribute of token.attributes) {
            if (attribute.type === 'IpAllowedList' && attribute.allowedIps?.length) {
                const ip = request.ip.replace(/^::ffff:/, '')
                if (!attribute.allowedIps.includes(ip)) {
                    return {
                        ok: false,
                        message: 'Failed to authenticate API token, request ip address is not allowed.',
                    }
                }
            }
            if (attribute.type === 'MethodAllowedList' && attribute.allowedMethods?.length) {
                if (
                    !attribute.allowedMethods
                        .map((m) => m.toUpperCase())
                        .includes(request.method.toUpperCase())
                ) {
                    return {
                        ok: false,
                        message: 'Failed to authenticate API token, request http method is not allowed.',
                    }
                }
            }
            if (attribute.type === 'RefererAllowedList' && attribute.allowedReferrers?.length) {
                if (!request.referer || !attribute.allowedReferrers.includes(request.referer)) {
                    return {
                        ok: false,
                        message:
                            'Failed to authenticate API token, request http referrer is missing or not allowed.',
                    }
                }
            }
        }
        return { ok: true, username: token.username }
    }
}
