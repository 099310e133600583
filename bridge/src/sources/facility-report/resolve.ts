// Cell → DHIS2 metadata, with the pre-flight checks a DHIS2 would otherwise make after sending:
// unknown codes, COCs outside the element's combo, org units not assigned to the data set,
// period type, future periods, value types. Every answer is remembered per distinct cell text.
import type { CocMeta, DataElementMeta, DataSetMeta, OrgUnitMeta } from '../../metadata-snapshot/types.js'
import { DEFAULT_COC } from '../../metadata-snapshot/types.js'
import { normalizeLabel } from '../../metadata-snapshot/index.js'
import { latestOpenMonth, parsePeriod } from '../../read/period.js'
import { ValueChecker } from '../../checks/values.js'
import type { MessageCode } from '../../i18n/messages.js'
import type { KindContext } from '../types.js'

export interface Problem {
    problem: MessageCode
    params?: Record<string, string | number | undefined>
    severity?: 'error' | 'warning'
}

/** A resolution failure. A class, so telling it from a hit is one `instanceof` in the hot loop. */
export class ProblemResult implements Problem {
    constructor(
        readonly problem: MessageCode,
        readonly params?: Record<string, string | number | undefined>
    ) {}
}

export type Resolved<T> = T | ProblemResult

export function isProblem<T>(r: Resolved<T>): r is ProblemResult {
    return r instanceof ProblemResult
}

export interface FacilityHit {
    ou: OrgUnitMeta
    num: number
}
export interface PeriodHit {
    iso: string
    num: number
}

export class CellResolver {
    private readonly facilities = new Map<string, Resolved<FacilityHit>>()
    private readonly periods = new Map<string, Resolved<PeriodHit>>()
    private readonly elements = new Map<string, Resolved<DataElementMeta>>()
    private readonly cocs = new Map<string, Resolved<CocMeta>>()
    private readonly values = new ValueChecker()
    private readonly elementAliases = new Map<string, string>()
    private readonly optionAliases = new Map<string, string>()
    readonly latestOpen: string | undefined

    constructor(
        readonly ctx: KindContext,
        readonly dataSet: DataSetMeta | undefined,
        elementAliases: Record<string, string> = {},
        optionAliases: Record<string, string[]> = {}
    ) {
        for (const [label, code] of Object.entries(elementAliases))
            this.elementAliases.set(normalizeLabel(label), code)
        for (const [code, labels] of Object.entries(optionAliases)) {
            this.optionAliases.set(normalizeLabel(code), code)
            for (const l of labels) this.optionAliases.set(normalizeLabel(l), code)
        }
        this.latestOpen = dataSet ? latestOpenMonth(ctx.today, dataSet.openFuturePeriods) : undefined
    }

    facility(cell: string): Resolved<FacilityHit> {
        let r = this.facilities.get(cell)
        if (r) return r
        const target = this.ctx.facilities.resolve(cell)
        const ou = this.ctx.metadata.orgUnit(target)
        if (!ou) r = new ProblemResult('UNKNOWN_FACILITY')
        else if (this.dataSet && !this.ctx.metadata.isAssigned(this.dataSet.id, ou.id))
            r = new ProblemResult('ORG_UNIT_NOT_IN_DATA_SET', {
                facility: `${ou.name ?? ou.id} (${ou.code ?? ou.id})`,
                dataSet: this.dataSet.code ?? this.dataSet.id,
            })
        else r = { ou, num: this.ctx.metadata.ouNumber.get(ou.id) ?? 0 }
        this.facilities.set(cell, r)
        return r
    }

    period(cell: string): Resolved<PeriodHit> {
        let r = this.periods.get(cell)
        if (r) return r
        const p = parsePeriod(cell)
        const ds = this.dataSet
        if (!p) r = new ProblemResult('BAD_PERIOD')
        else if (ds && p.type !== ds.periodType)
            r = new ProblemResult('WRONG_PERIOD_TYPE', {
                dataSet: ds.code ?? ds.id,
                periodType: ds.periodType,
            })
        else if (this.latestOpen && p.type === 'Monthly' && p.iso > this.latestOpen)
            r = new ProblemResult('FUTURE_PERIOD', { value: p.iso, latest: this.latestOpen })
        else r = { iso: p.iso, num: (p.year - 1900) * 12 + p.month }
        this.periods.set(cell, r)
        return r
    }

    element(cell: string): Resolved<DataElementMeta> {
        let r = this.elements.get(cell)
        if (r) return r
        const code = this.elementAliases.get(normalizeLabel(cell)) ?? cell.trim()
        const de =
            this.ctx.metadata.dataElement(code) ?? this.ctx.metadata.dataElement(code.replace(/\s+/g, '_'))
        const ds = this.dataSet
        if (!de) r = new ProblemResult('UNKNOWN_DATA_ELEMENT')
        else if (ds && !ds.dataElements.includes(de.id))
            r = new ProblemResult('NO_DATA_SET', { element: de.code ?? de.id, dataSet: ds.code ?? ds.id })
        else r = de
        this.elements.set(cell, r)
        return r
    }

    /** The COC for a disaggregation cell (long layout) or option codes (wide layout). */
    coc(de: DataElementMeta, cell: string): Resolved<CocMeta> {
        const key = de.id + '\u0000' + cell
        let r = this.cocs.get(key)
        if (r) return r
        r = this.findCoc(de, cell)
        this.cocs.set(key, r)
        return r
    }

    private findCoc(de: DataElementMeta, cell: string): Resolved<CocMeta> {
        const md = this.ctx.metadata
        const combo = md.combo(de.categoryCombo)
        const allowed = combo
            ? combo.categoryOptionCombos.map((c) => c.name ?? c.code ?? c.id).join(', ')
            : ''
        const params = { element: de.code ?? de.id, allowed }
        const s = cell.trim()
        if (!s || /^(total|default|défaut|defaut|-)$/i.test(s)) {
            const d = md.defaultCoc(de.categoryCombo)
            if (d) return d
            return new ProblemResult('UNKNOWN_DISAGGREGATION', { ...params, value: s || '(vide)' })
        }
        const direct = md.coc(de.categoryCombo, s)
        if (direct) return direct
        // "< 5 ans", "F", "Positif / < 5 ans": labels → option codes
        const parts = s.split(/\s*[/|+]\s*|\s*,\s*/).filter(Boolean)
        const codes = parts.map((p) => this.optionAliases.get(normalizeLabel(p)) ?? p.toUpperCase())
        const byOptions = md.cocByOptions(de.categoryCombo, codes)
        if (byOptions) return byOptions
        // a COC that exists but belongs to another combo is the classic mistake
        for (const cc of md.snapshot.categoryCombos) {
            if (cc.id === de.categoryCombo) continue
            if (md.coc(cc.id, s) ?? md.cocByOptions(cc.id, codes))
                return new ProblemResult('COC_NOT_IN_COMBO', params)
        }
        if (de.categoryCombo && md.defaultCoc(de.categoryCombo)?.id === DEFAULT_COC)
            return new ProblemResult('COC_NOT_IN_COMBO', params)
        return new ProblemResult('UNKNOWN_DISAGGREGATION', params)
    }

    /** The value as DHIS2 wants it, with its number for duplicate checks. */
    value(de: DataElementMeta, cell: string): Resolved<{ value: string; num: number }> {
        const r = this.values.check(de.valueType, cell)
        if (r.ok) return r
        return new ProblemResult(r.code, { valueType: de.valueType, element: de.code ?? de.id })
    }
}
