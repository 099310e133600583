import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha256 } from '../src/sha256.js'
import { DEFAULT_UIDS, UID_PATTERN, isValidUid, uidFromCode } from '../src/uid.js'

describe('uidFromCode', () => {
    it('gives DHIS2-valid UIDs', () => {
        for (const kind of [
            'dataElement',
            'dataSet',
            'organisationUnit',
            'categoryOptionCombo',
            'indicator',
        ]) {
            for (let i = 0; i < 500; i += 1) {
                const uid = uidFromCode(kind, `CODE_${i}`)
                expect(uid).toMatch(UID_PATTERN)
                expect(isValidUid(uid)).toBe(true)
            }
        }
    })

    it('is stable across runs and machines (pinned values)', () => {
        // Changing these breaks every installation that already holds the package: never update them lightly.
        expect(uidFromCode('dataElement', 'PALU_CONFIRMES')).toBe('yfY5c5djUKD')
        expect(uidFromCode('indicator', 'IND_PALU_INCIDENCE')).toBe('wsSWdtWe7IH')
        expect(uidFromCode('organisationUnit', 'ML-BKO-C5')).toBe('wmScr1R5eIH')
    })

    it('keeps the built-in default category objects', () => {
        expect(uidFromCode('categoryOption', 'default')).toBe('xYerKDKCefk')
        expect(uidFromCode('category', 'default')).toBe('GLevLNI9wkl')
        expect(uidFromCode('categoryCombo', 'default')).toBe('bjDvmb4bfuf')
        expect(uidFromCode('categoryOptionCombo', 'default')).toBe('HllvX50cXC0')
        expect(Object.values(DEFAULT_UIDS)).toHaveLength(4)
        // Only the four default kinds are special: a data element coded "default" gets a derived id.
        expect(uidFromCode('dataElement', 'default')).not.toBe('HllvX50cXC0')
    })

    it('separates kinds and codes', () => {
        expect(uidFromCode('dataElement', 'X')).not.toBe(uidFromCode('dataSet', 'X'))
        const seen = new Set<string>()
        for (let i = 0; i < 20000; i += 1) seen.add(uidFromCode('organisationUnit', `FS-${i}`))
        expect(seen.size).toBe(20000)
    })
})

describe('sha256', () => {
    it('matches node:crypto, including multi-block and non-ASCII input', () => {
        for (const text of [
            '',
            'abc',
            'a'.repeat(55),
            'b'.repeat(56),
            'c'.repeat(64),
            'é'.repeat(70),
            'Ségou\u0000x',
        ]) {
            const expected = createHash('sha256').update(text, 'utf8').digest('hex')
            expect(Buffer.from(sha256(text)).toString('hex')).toBe(expected)
        }
    })
})
