// Password hashes with scrypt (node:crypto). Plain passwords are never kept nor logged.
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'

const KEY_LENGTH = 32

export interface PasswordHash {
    salt: string
    hash: string
}

export function hashPassword(password: string): PasswordHash {
    const salt = randomBytes(16)
    return { salt: salt.toString('base64'), hash: scryptSync(password, salt, KEY_LENGTH).toString('base64') }
}

export function verifyPassword(password: string, stored: PasswordHash): boolean {
    const expected = Buffer.from(stored.hash, 'base64')
    const actual = scryptSync(password, Buffer.from(stored.salt, 'base64'), KEY_LENGTH)
    return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** One-way digest used as a cache key and to store API tokens. */
export function sha256(text: string): string {
    return createHash('sha256').update(text).digest('hex')
}
