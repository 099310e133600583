// The per-value checks as separate functions: their order is DataValueSetImportValidator's registration order
// (2.41.3, constructor), and each one can be run alone on a draft (docs/dhis2-api.md §3.3).
import { describe, expect, it } from 'vitest'
import {
    createImportContext,
    DATA_SET_CHECKS,
    type ImportContext,
} from '../../src/data-values/import-context.js'
import { parseImportOptions } from '../../src/data-values/options.js'
import { parseJsonPayload } from '../../src/data-values/payload.js'
import { VALUE_CHECKS, type ValueDraft } from '../../src/data-values/value-checks.js'
import { DE, fixture, NOW, OU } from './fixture.js'

function context(body: Record<string, unknown>, username = 'admin'): ImportContext {
    const f = fixture()
    const seedUser = f.seed.users.find((user) => user.username === username)
    if (!seedUser) throw new Error(username)
    const { password: _password, ...user } = seedUser
    const ctx = createImportContext(parseJsonPayload(Buffer.from(JSON.stringify(body))), {
        db: f.db,
        user,
        options: parseImportOptions(new URLSearchParams(), f.db.systemSettings),
        now: NOW,
    })
    if ('illegal' in ctx) throw new Error(ctx.illegal)
    return ctx
}

describe('value checks (DataValueSetImportValidator)', () => {
    it("runs in DHIS2's order, leaving out what the simulator does not model (approvals, associated data sets' open periods, file resources)", () => {
        expect(VALUE_CHECKS.map((check) => check.name)).toEqual([
            'validateDataValueDataElementExists',
            'validateDataValuePeriodExists',
            'validateDataValueOrgUnitExists',
            'validateDataValueCategoryOptionComboExists',
            'validateDataValueCategoryOptionComboAccess',
            'validateDataValueAttrOptionComboExists',
            'validateDataValueAttrOptionComboAccess',
            'validateDataValueOrgUnitInUserHierarchy',
            'validateDataValueIsDefined',
            'validateDataValueIsValid',
            'validateDataValueCommentIsValid',
            'validateDataValueOptionsExist',
            'checkDataValueCategoryOptionCombo',
            'checkDataValueAttrOptionCombo',
            'checkDataValuePeriodType',
            'checkDataValueStrictDataElement',
            'checkDataValueStrictCategoryOptionCombos',
            'checkDataValueStrictAttrOptionCombos',
            'checkDataValueStrictOrgUnits',
            'checkDataValueStoredByIsValid',
            'checkDataValuePeriodWithinAttrOptionComboRange',
            'checkDataValueOrgUnitValidForAttrOptionCombo',
            'checkDataValueDataSetIsNotLocked',
            'checkDataValueNotAfterLatestOpenFuturePeriod',
            'checkDataValuePeriodIsOpenNow',
        ])
        expect(DATA_SET_CHECKS.map((check) => check.name)).toEqual([
            'validateDataSetExists',
            'validateDataSetIsAccessibleByUser',
            'validateDataSetOrgUnitExists',
            'validateDataSetAttrOptionComboExists',
        ])
    })

    it('checks one rule alone: a value without value nor comment is E7618 unless it deletes (validateDataValueIsDefined)', () => {
        const check = VALUE_CHECKS.find((candidate) => candidate.name === 'validateDataValueIsDefined')!
        const entry = parseJsonPayload(
            Buffer.from(
                JSON.stringify({
                    dataValues: [{ dataElement: DE.number, period: '202405', orgUnit: OU.facilityA }],
                })
            )
        ).dataValues[0]!
        const draft: ValueDraft = { entry, value: null }
        expect(check(draft, context({}))).toMatchObject({
            errorCode: 'E7618',
            value: `Data value or comment not specified for data element: \`${DE.number}\``,
        })
        expect(check({ entry: { ...entry, deleted: true }, value: null }, context({}))).toBeNull()
        expect(check(draft, context({ strategy: 'DELETE' }))).toBeNull()
    })
})
