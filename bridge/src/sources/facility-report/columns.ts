// Which header cell is which column of a clinic-report layout, by meaning (see headers.ts). Built once
// per layout file and reused by header detection and by every table.
import { abbreviationMap, closestTitle, headerKey, type TemplateTitle } from './headers.js'
import type { ColumnSpec, FacilityReportLayout } from './layout.js'

export class ColumnMatcher {
    readonly abbreviations: ReadonlyMap<string, string>
    private readonly specKeys = new Map<ColumnSpec, Set<string>>()
    private readonly keyMemo = new Map<string, string>()
    /** Every title of the layout, for « vouliez-vous dire … ? ». */
    readonly titles: TemplateTitle[] = []

    constructor(readonly layout: FacilityReportLayout) {
        this.abbreviations = abbreviationMap(layout.abbreviations)
        for (const spec of this.specs()) {
            const keys = new Set([spec.name, ...spec.aliases].map((t) => this.key(t)))
            keys.delete('')
            this.specKeys.set(spec, keys)
            this.titles.push({ title: spec.name, keys: [...keys] })
        }
    }

    /** Base columns, then (wide layout) one spec per field, in the layout file's order. */
    specs(): ColumnSpec[] {
        const c = this.layout.columns
        const base: Array<ColumnSpec | undefined> =
            this.layout.layout === 'long'
                ? [
                      c.facility,
                      c.period,
                      this.layout.columns.dataElement,
                      this.layout.columns.disaggregation,
                      this.layout.columns.value,
                      c.comment,
                  ]
                : [c.facility, c.period, this.layout.columns.facilityName, c.comment]
        const out = base.filter((s): s is ColumnSpec => s !== undefined)
        if (this.layout.layout === 'wide') out.push(...this.fieldSpecs())
        return out
    }

    private fieldSpecCache: ColumnSpec[] | undefined
    /** The wide layout's fields as column specs (same order as `layout.fields`). */
    fieldSpecs(): ColumnSpec[] {
        if (this.layout.layout !== 'wide') return []
        this.fieldSpecCache ??= this.layout.fields.map((f) => ({ name: f.column, aliases: f.aliases }))
        return this.fieldSpecCache
    }

    key(title: string): string {
        let k = this.keyMemo.get(title)
        if (k === undefined) {
            k = headerKey(title, this.abbreviations)
            if (this.keyMemo.size > 10_000) this.keyMemo.clear()
            this.keyMemo.set(title, k)
        }
        return k
    }

    private matches(spec: ColumnSpec, title: string): boolean {
        const keys = this.specKeys.get(spec)
        return keys !== undefined && title !== '' && keys.has(this.key(title))
    }

    /** Every column matching a spec: by its title, or by "group title + title" under merged headers. */
    findAll(spec: ColumnSpec, names: readonly string[], groups: readonly string[] = []): number[] {
        const out: number[] = []
        for (let i = 0; i < names.length; i++) {
            const n = names[i] ?? ''
            const g = groups[i]
            if (this.matches(spec, n) || (g && n && this.matches(spec, `${g} ${n}`))) out.push(i)
        }
        return out
    }

    find(spec: ColumnSpec, names: readonly string[], groups: readonly string[] = []): number {
        return this.findAll(spec, names, groups)[0] ?? -1
    }

    /** The template title an unrecognised column seems to mean, if it looks like one. */
    suggest(title: string, group?: string): string | undefined {
        const own = closestTitle(this.key(title), this.titles)
        const grouped = group ? closestTitle(this.key(`${group} ${title}`), this.titles) : undefined
        const best = grouped && (!own || grouped.score > own.score) ? grouped : own
        return best?.title
    }
}

const matchers = new WeakMap<FacilityReportLayout, ColumnMatcher>()

export function matcherFor(layout: FacilityReportLayout): ColumnMatcher {
    let m = matchers.get(layout)
    if (!m) matchers.set(layout, (m = new ColumnMatcher(layout)))
    return m
}
