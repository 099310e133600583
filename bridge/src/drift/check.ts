// `bridge mappings check`: compares what the mapping files expect with the live DHIS2 metadata, so a
// renamed, deleted or re-combined object is reported before a month's data is sent against stale ids.
import type { Localized } from '../core/types.js'
import { normalizeLabel } from '../metadata-snapshot/index.js'
import type { LiveMetadata, LiveObject } from './live.js'

export type DriftKind =
    | 'deleted'
    | 'id-changed'
    | 'renamed'
    | 'recoded'
    | 'recombined'
    | 'option-combo-missing'
    | 'closed'
    | 'moved'
    | 'period-type-changed'

export interface Drift {
    kind: DriftKind
    severity: 'error' | 'warning'
    /** The mapping file that expects the object. */
    file: string
    collection: string
    /** What the file names: a UID or a code. */
    ref: string
    expected?: string
    actual?: string
    message: Localized
}

/** An object a mapping file relies on. Only the fields given are checked. */
export interface Expectation {
    file: string
    collection: string
    /** UID (package) or code (layouts, rules, facility mappings). */
    id?: string
    code?: string
    name?: string
    /** Expected category combo (UID or code) of a data element, or attribute combo of a data set. */
    categoryCombo?: string
    /** How to name the expected combo in messages (its code, when the file refers to it by UID). */
    categoryComboLabel?: string
    /** For option combos looked up by code: the combo they must belong to (code). */
    inCombo?: string
    periodType?: string
    /** For org units: the district it is expected under (code, UID or name). */
    parent?: string
    /** For org units: must be open on this date (ISO). */
    openOn?: string
}

const LABEL: Record<string, Localized> = {
    dataElements: { fr: 'élément de données', en: 'data element' },
    categoryOptionCombos: { fr: 'combinaison d’options', en: 'category option combo' },
    categoryCombos: { fr: 'combinaison de catégories', en: 'category combo' },
    categoryOptions: { fr: 'option de catégorie', en: 'category option' },
    categories: { fr: 'catégorie', en: 'category' },
    dataSets: { fr: 'ensemble de données', en: 'data set' },
    indicators: { fr: 'indicateur', en: 'indicator' },
    indicatorTypes: { fr: 'type d’indicateur', en: 'indicator type' },
    organisationUnits: { fr: 'unité d’organisation', en: 'organisation unit' },
    organisationUnitGroups: { fr: 'groupe d’unités', en: 'org unit group' },
    organisationUnitGroupSets: { fr: 'ensemble de groupes', en: 'org unit group set' },
}

function label(collection: string): Localized {
    return LABEL[collection] ?? { fr: collection, en: collection }
}

function refMatches(ref: { id: string; code?: string; name?: string } | undefined, wanted: string): boolean {
    if (ref === undefined) return false
    const w = wanted.toUpperCase()
    return (
        ref.id === wanted ||
        ref.code?.toUpperCase() === w ||
        (ref.name !== undefined && normalizeLabel(ref.name) === normalizeLabel(wanted))
    )
}

const show = (o: { id: string; code?: string; name?: string } | undefined): string =>
    o === undefined ? '—' : [o.code, o.name, o.id].filter(Boolean).join(' / ')

export function checkExpectation(e: Expectation, live: LiveMetadata): Drift[] {
    const out: Drift[] = []
    const ref = e.id ?? e.code ?? '?'
    const what = label(e.collection)
    const push = (
        kind: DriftKind,
        severity: Drift['severity'],
        message: Localized,
        expected?: string,
        actual?: string
    ): void => {
        const d: Drift = { kind, severity, file: e.file, collection: e.collection, ref, message }
        if (expected !== undefined) d.expected = expected
        if (actual !== undefined) d.actual = actual
        out.push(d)
    }

    let object: LiveObject | undefined
    if (e.id !== undefined) {
        object = live.get(e.collection, e.id)
        if (object === undefined) {
            const sameCode = e.code === undefined ? undefined : live.byCodeOf(e.collection, e.code)
            if (sameCode !== undefined) {
                push(
                    'id-changed',
                    'error',
                    {
                        fr: `${what.fr} ${e.code} : l’identifiant attendu ${e.id} n’existe plus, DHIS2 a ${sameCode.id}.`,
                        en: `${what.en} ${e.code}: expected id ${e.id} is gone, DHIS2 has ${sameCode.id}.`,
                    },
                    e.id,
                    sameCode.id
                )
                return out
            }
        }
    } else if (e.code !== undefined) {
        object = live.byCodeOf(e.collection, e.code)
    }
    if (object === undefined) {
        push(e.collection === 'categoryOptionCombos' ? 'option-combo-missing' : 'deleted', 'error', {
            fr: `${what.fr} ${ref} introuvable dans DHIS2 (supprimé ou code changé).`,
            en: `${what.en} ${ref} not found in DHIS2 (deleted or code changed).`,
        })
        return out
    }
    if (e.code !== undefined && e.id !== undefined && object.code !== e.code) {
        push(
            'recoded',
            'error',
            {
                fr: `${what.fr} ${e.id} : code « ${e.code} » attendu, DHIS2 a « ${object.code ?? ''} ».`,
                en: `${what.en} ${e.id}: code "${e.code}" expected, DHIS2 has "${object.code ?? ''}".`,
            },
            e.code,
            object.code
        )
    }
    if (e.name !== undefined && object.name !== undefined && object.name !== e.name) {
        push(
            'renamed',
            'warning',
            {
                fr: `${what.fr} ${e.code ?? ref} renommé : « ${e.name} » → « ${object.name} ».`,
                en: `${what.en} ${e.code ?? ref} renamed: "${e.name}" → "${object.name}".`,
            },
            e.name,
            object.name
        )
    }
    if (e.categoryCombo !== undefined && !refMatches(object.refs.categoryCombo, e.categoryCombo)) {
        push(
            'recombined',
            'error',
            {
                fr: `${what.fr} ${e.code ?? ref} : combinaison de catégories ${e.categoryComboLabel ?? e.categoryCombo} attendue, DHIS2 a ${show(object.refs.categoryCombo)} ; ses ventilations ne correspondent plus.`,
                en: `${what.en} ${e.code ?? ref}: category combo ${e.categoryComboLabel ?? e.categoryCombo} expected, DHIS2 has ${show(object.refs.categoryCombo)}; its disaggregations no longer match.`,
            },
            e.categoryCombo,
            show(object.refs.categoryCombo)
        )
    }
    if (e.inCombo !== undefined && !refMatches(object.refs.categoryCombo, e.inCombo)) {
        push(
            'recombined',
            'error',
            {
                fr: `${what.fr} ${e.code ?? ref} n’appartient plus à ${e.inCombo} (DHIS2 : ${show(object.refs.categoryCombo)}).`,
                en: `${what.en} ${e.code ?? ref} no longer belongs to ${e.inCombo} (DHIS2: ${show(object.refs.categoryCombo)}).`,
            },
            e.inCombo,
            show(object.refs.categoryCombo)
        )
    }
    if (e.periodType !== undefined && object.periodType !== undefined && object.periodType !== e.periodType) {
        push(
            'period-type-changed',
            'error',
            {
                fr: `${what.fr} ${e.code ?? ref} : période ${e.periodType} attendue, DHIS2 a ${object.periodType}.`,
                en: `${what.en} ${e.code ?? ref}: period type ${e.periodType} expected, DHIS2 has ${object.periodType}.`,
            },
            e.periodType,
            object.periodType
        )
    }
    if (
        e.openOn !== undefined &&
        object.closedDate !== undefined &&
        object.closedDate.slice(0, 10) <= e.openOn
    ) {
        push(
            'closed',
            'error',
            {
                fr: `${what.fr} ${e.code ?? ref} (${object.name ?? ''}) fermée depuis le ${object.closedDate.slice(0, 10)}.`,
                en: `${what.en} ${e.code ?? ref} (${object.name ?? ''}) closed since ${object.closedDate.slice(0, 10)}.`,
            },
            undefined,
            object.closedDate.slice(0, 10)
        )
    }
    if (e.parent !== undefined && !refMatches(object.refs.parent, e.parent)) {
        push(
            'moved',
            'error',
            {
                fr: `${what.fr} ${e.code ?? ref} (${object.name ?? ''}) déplacée : attendue sous ${e.parent}, DHIS2 la place sous ${show(object.refs.parent)}.`,
                en: `${what.en} ${e.code ?? ref} (${object.name ?? ''}) moved: expected under ${e.parent}, DHIS2 has it under ${show(object.refs.parent)}.`,
            },
            e.parent,
            show(object.refs.parent)
        )
    }
    return out
}

export function checkAll(expectations: readonly Expectation[], live: LiveMetadata): Drift[] {
    return expectations.flatMap((e) => checkExpectation(e, live))
}
