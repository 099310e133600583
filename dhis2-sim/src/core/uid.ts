// DHIS2 UIDs: 11 characters, a letter then ten letters or digits (CodeGenerator).
import { randomInt } from 'node:crypto'
import { UID_PATTERN } from '@odd3/mappings/uid'

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
const ALPHANUMERIC = '0123456789' + LETTERS

export { UID_PATTERN }

export function isValidUid(value: string): boolean {
    return UID_PATTERN.test(value)
}

export function generateUid(): string {
    let uid = LETTERS[randomInt(LETTERS.length)] as string
    for (let i = 0; i < 10; i++) uid += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)] as string
    return uid
}

/** Random characters from `alphabet` with a cryptographic source. */
export function randomString(length: number, alphabet = ALPHANUMERIC): string {
    let out = ''
    for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)] as string
    return out
}
