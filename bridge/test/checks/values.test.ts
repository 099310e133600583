import { describe, expect, it } from 'vitest'
import { DuplicateTable, valueNumber } from '../../src/checks/duplicates.js'
import {
    checkComment,
    DHIS2_COMMENT_MAX_LENGTH,
    DHIS2_VALUE_MAX_LENGTH,
    ValueChecker,
} from '../../src/checks/values.js'

const checker = new ValueChecker()
const check = (t: string, v: string) => checker.check(t, v)

describe('value checks (zod, per DHIS2 value type)', () => {
    it.each([
        ['12', '12'],
        [' 12 ', '12'],
        ['007', '7'],
        ['1 234', '1234'],
        ['1\u202f234', '1234'],
        ['12,0', '12'],
        ['0', '0'],
    ])('count %j → %j', (cell, out) => {
        expect(check('INTEGER_ZERO_OR_POSITIVE', cell)).toMatchObject({ ok: true, value: out })
    })
    it.each([
        ['douze', 'NOT_A_NUMBER'],
        ['12 cas', 'NOT_A_NUMBER'],
        ['-3', 'NEGATIVE_COUNT'],
        ['12,5', 'NOT_AN_INTEGER'],
    ])('count %j is refused with %s', (cell, code) => {
        expect(check('INTEGER_ZERO_OR_POSITIVE', cell)).toEqual({ ok: false, code })
    })
    it('numbers take a decimal comma and come out as DHIS2 writes them', () => {
        expect(check('NUMBER', '12,5')).toMatchObject({ ok: true, value: '12.5' })
        expect(check('NUMBER', '-0,25')).toMatchObject({ ok: true, value: '-0.25' })
        expect(check('PERCENTAGE', '101')).toEqual({ ok: false, code: 'WRONG_VALUE_TYPE' })
        expect(check('BOOLEAN', 'Oui')).toMatchObject({ ok: true, value: 'true' })
        expect(check('INTEGER_POSITIVE', '0')).toEqual({ ok: false, code: 'WRONG_VALUE_TYPE' })
    })
})

describe('DuplicateTable', () => {
    it('remembers the first occurrence of each (scope, op) across growth', () => {
        const t = new DuplicateTable()
        // 40 ops per scope: the last 8 go beyond a block, scopes out of order
        const scopeOf = (i: number) => (Math.floor(i / 40) * 7919) % 1250
        for (let i = 0; i < 50_000; i++) expect(t.seen(scopeOf(i), i % 40, i % 7, i + 2)).toBeUndefined()
        expect(t.size).toBe(50_000)
        const i = 1234
        expect(t.seen(scopeOf(i), i % 40, 0, 999_999)).toEqual({ row: i + 2, value: i % 7, place: 0 })
        const j = 38
        expect(t.seen(scopeOf(j), j % 40, 0, 999_999)).toEqual({ row: j + 2, value: j % 7, place: 0 })
    })
    it('remembers the place (file, sheet) of each first occurrence, compactly per block', () => {
        const t = new DuplicateTable()
        // one scope filled from place 3, one of its slots from place 5; ops beyond a block too
        expect(t.seen(10, 0, 1, 2, 3)).toBeUndefined()
        expect(t.seen(10, 1, 1, 3, 3)).toBeUndefined()
        expect(t.seen(10, 2, 4, 7, 5)).toBeUndefined()
        expect(t.seen(11, 0, 9, 8, 5)).toBeUndefined()
        expect(t.seen(10, 40, 2, 9, 6)).toBeUndefined()
        expect(t.seen(10, 1, 0, 99, 7)).toEqual({ row: 3, value: 1, place: 3 })
        expect(t.seen(10, 2, 0, 99, 7)).toEqual({ row: 7, value: 4, place: 5 })
        expect(t.seen(11, 0, 0, 99, 7)).toEqual({ row: 8, value: 9, place: 5 })
        expect(t.seen(10, 40, 0, 99, 7)).toEqual({ row: 9, value: 2, place: 6 })
    })
    it('compares values as float32 and hashes text', () => {
        expect(valueNumber('12')).toBe(12)
        expect(valueNumber('abc')).toBe(valueNumber('abc'))
        expect(valueNumber('abc')).not.toBe(valueNumber('abd'))
    })
})

describe('limits DHIS2 would refuse after sending', () => {
    it('refuses a comment over 50,000 characters (E7620) and a text value over 50,000 (E7619)', () => {
        expect(DHIS2_COMMENT_MAX_LENGTH).toBe(50_000)
        expect(checkComment('x'.repeat(50_000))).toBeUndefined()
        expect(checkComment('é'.repeat(50_001))).toEqual({ code: 'COMMENT_TOO_LONG', max: 50_000 })
        const c = new ValueChecker()
        expect(c.check('TEXT', 'x'.repeat(DHIS2_VALUE_MAX_LENGTH)).ok).toBe(true)
        expect(c.check('LONG_TEXT', 'x'.repeat(DHIS2_VALUE_MAX_LENGTH + 1))).toEqual({
            ok: false,
            code: 'VALUE_TOO_LONG',
        })
    })
})
