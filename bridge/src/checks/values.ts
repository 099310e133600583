// Value checks per DHIS2 value type, written as zod schemas. The cell is what the person typed
// (French decimal comma, thousands separated by spaces); the output is what DHIS2 accepts
// (docs/dhis2-api.md §3.2: no leading zeros, no `+`, dot decimals).
import { z } from 'zod'
import { valueNumber } from './duplicates.js'

export interface ValueProblem {
    code: 'NOT_A_NUMBER' | 'NEGATIVE_COUNT' | 'NOT_AN_INTEGER' | 'WRONG_VALUE_TYPE' | 'VALUE_TOO_LONG'
}

/**
 * DHIS2's limits on a data value (2.39-2.42, `ValidationUtils.VALUE_MAX_LENGTH`): a longer value is refused
 * with E7619 (value_length_greater_than_max_length), a longer comment with E7620 « Invalid comment »
 * (comment_length_greater_than_max_length). Both count Java chars, i.e. UTF-16 units like JS `length`.
 */
export const DHIS2_VALUE_MAX_LENGTH = 50_000
export const DHIS2_COMMENT_MAX_LENGTH = 50_000

/** A comment DHIS2 would refuse (E7620), said on the row before sending. */
export function checkComment(comment: string): { code: 'COMMENT_TOO_LONG'; max: number } | undefined {
    return comment.length > DHIS2_COMMENT_MAX_LENGTH
        ? { code: 'COMMENT_TOO_LONG', max: DHIS2_COMMENT_MAX_LENGTH }
        : undefined
}

function numeric(cell: string): number | null {
    // "1 234", "1 234" (narrow no-break space), "12,5", "12.0"
    const s = cell.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.')
    if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null
    return Number(s)
}

function canonical(n: number): string {
    // DHIS2's NUMBER pattern: no exponent, no trailing ".0"
    return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(10)))
}

function fail(ctx: z.RefinementCtx, code: ValueProblem['code']): never {
    ctx.addIssue({ code: 'custom', message: code, params: { code } })
    return z.NEVER
}

const countSchema = (allowZero: boolean, allowNegative: boolean) =>
    z.string().transform((cell, ctx): string => {
        const n = numeric(cell)
        if (n === null) return fail(ctx, 'NOT_A_NUMBER')
        if (!Number.isInteger(n)) return fail(ctx, 'NOT_AN_INTEGER')
        if (n < 0 && !allowNegative) return fail(ctx, 'NEGATIVE_COUNT')
        if (n === 0 && !allowZero) return fail(ctx, 'WRONG_VALUE_TYPE')
        return canonical(n)
    })

const numberSchema = (min: number, max: number) =>
    z.string().transform((cell, ctx): string => {
        const n = numeric(cell)
        if (n === null) return fail(ctx, 'NOT_A_NUMBER')
        if (n < min || n > max) return fail(ctx, min === 0 && n < 0 ? 'NEGATIVE_COUNT' : 'WRONG_VALUE_TYPE')
        return canonical(n)
    })

const booleanSchema = z.string().transform((cell, ctx): string => {
    const s = cell.trim().toLowerCase()
    if (['true', 'vrai', 'oui', 'yes', '1', 'o', 'y'].includes(s)) return 'true'
    if (['false', 'faux', 'non', 'no', '0', 'n'].includes(s)) return 'false'
    return fail(ctx, 'WRONG_VALUE_TYPE')
})

const textSchema = z
    .string()
    .transform((cell, ctx): string =>
        cell.length > DHIS2_VALUE_MAX_LENGTH ? fail(ctx, 'VALUE_TOO_LONG') : cell
    )

export const valueSchemas: Record<string, z.ZodType<string, string>> = {
    INTEGER_ZERO_OR_POSITIVE: countSchema(true, false),
    INTEGER_POSITIVE: countSchema(false, false),
    INTEGER: countSchema(true, true),
    INTEGER_NEGATIVE: z.string().transform((cell, ctx): string => {
        const n = numeric(cell)
        if (n === null) return fail(ctx, 'NOT_A_NUMBER')
        if (!Number.isInteger(n) || n >= 0) return fail(ctx, 'WRONG_VALUE_TYPE')
        return canonical(n)
    }),
    NUMBER: numberSchema(-Infinity, Infinity),
    PERCENTAGE: numberSchema(0, 100),
    UNIT_INTERVAL: numberSchema(0, 1),
    BOOLEAN: booleanSchema,
    TRUE_ONLY: z.string().transform((cell, ctx): string => {
        const s = cell.trim().toLowerCase()
        return ['true', 'vrai', 'oui', 'yes', '1', 'x'].includes(s) ? 'true' : fail(ctx, 'WRONG_VALUE_TYPE')
    }),
    TEXT: textSchema,
    LONG_TEXT: textSchema,
}

export type ValueCheck = { ok: true; value: string; num: number } | { ok: false; code: ValueProblem['code'] }

/**
 * Checks a cell against a value type, remembering answers: in a large file the same few hundred
 * cell texts repeat, so zod runs once per distinct (type, text).
 */
export class ValueChecker {
    private readonly memo = new Map<string, Map<string, ValueCheck>>()

    check(valueType: string, cell: string): ValueCheck {
        let m = this.memo.get(valueType)
        if (!m) this.memo.set(valueType, (m = new Map()))
        const hit = m.get(cell)
        if (hit) return hit
        const schema = valueSchemas[valueType] ?? valueSchemas.TEXT
        const r = schema ? schema.safeParse(cell) : { success: true as const, data: cell }
        let out: ValueCheck
        if (r.success) out = { ok: true, value: r.data, num: valueNumber(r.data) }
        else {
            const issue = r.error.issues[0]
            const code =
                issue && 'params' in issue && issue.params && typeof issue.params.code === 'string'
                    ? issue.params.code
                    : 'WRONG_VALUE_TYPE'
            out = { ok: false, code: code as ValueProblem['code'] }
        }
        if (m.size > 100_000) m.clear()
        m.set(cell, out)
        return out
    }
}
