// Deterministic DHIS2 identifiers. Every environment (simulator, demo database, a real DHIS2 that
// installs the package) must agree on the ids of the objects we define, so ids are derived from codes
// instead of being generated at random as DHIS2 does.
import { sha256 } from './sha256.js'

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
const ALPHANUMERIC = LETTERS + '0123456789'

/** DHIS2's UID rule (CodeGenerator.isValidUid): a letter then ten letters or digits, to build patterns with. */
export const UID_SOURCE = '[a-zA-Z][a-zA-Z0-9]{10}'

/** A whole string that is a DHIS2 UID. */
export const UID_PATTERN = new RegExp(`^${UID_SOURCE}$`)

/**
 * The built-in "default" category objects exist in every DHIS2 database with these fixed ids;
 * data without disaggregation is stored against them, so they must never be re-derived.
 */
export const DEFAULT_UIDS = {
    categoryOption: 'xYerKDKCefk',
    category: 'GLevLNI9wkl',
    categoryCombo: 'bjDvmb4bfuf',
    categoryOptionCombo: 'HllvX50cXC0',
} as const

export type DefaultKind = keyof typeof DEFAULT_UIDS

function isDefaultKind(kind: string): kind is DefaultKind {
    return Object.prototype.hasOwnProperty.call(DEFAULT_UIDS, kind)
}

export function isValidUid(value: string): boolean {
    return UID_PATTERN.test(value)
}

/**
 * A stable UID for an object of a given kind (the DHIS2 class name in camel case, e.g. `dataElement`,
 * `categoryOptionCombo`, `organisationUnit`) and code. The kind is part of the hash so that a data element
 * and a data set sharing a code still get different ids, as DHIS2 requires ids to be unique across types.
 */
export function uidFromCode(kind: string, code: string): string {
    if (code === 'default' && isDefaultKind(kind)) return DEFAULT_UIDS[kind]
    const digest = sha256(`${kind}\u0000${code}`)
    const word = (i: number): number => ((digest[i * 2] ?? 0) << 8) | (digest[i * 2 + 1] ?? 0)
    // Reading 16-bit words keeps the modulo bias negligible (65536 is far above 62).
    let uid = LETTERS.charAt(word(0) % LETTERS.length)
    for (let i = 1; i < 11; i += 1) {
        uid += ALPHANUMERIC.charAt(word(i) % ALPHANUMERIC.length)
    }
    return uid
}
