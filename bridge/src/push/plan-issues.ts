// What the plan tells people before anything is sent: values DHIS2 holds differently, values that
// replace another file's, values a corrected file no longer has, and the one-sentence note.
import { monthLabel } from '../core/month-label.js'
import type { Localized, ValidationIssue } from '../core/types.js'
import { makeIssue } from '../i18n/issues.js'
import { messageFor } from '../i18n/messages.js'
import type { MetadataIndex } from '../metadata-snapshot/index.js'
import { differenceIssue, locationOf, shortDate } from '../plan/against-dhis2.js'
import type { LedgerEntry } from '../plan/ledger.js'
import type { Plan, PlannedValue } from '../plan/plan.js'

function monthName(period: string): Localized {
    return { fr: monthLabel(period, 'fr'), en: monthLabel(period, 'en') }
}

/** « Consultations curatives (< 5 ans) de Clinique Badala (FS-C5-011) pour janvier 2024 ». */
function describeCell(
    metadata: MetadataIndex,
    e: LedgerEntry
): { indicator: string; facility: string; period: Localized } {
    const [de = '', period = '', ou = '', coc = ''] = e.key.split('|')
    const element = metadata.dataElement(de)
    const combo = element ? metadata.combo(element.categoryCombo) : undefined
    const cocMeta = combo?.categoryOptionCombos.find((c) => c.id === coc)
    const disaggregation =
        cocMeta && combo && combo.categoryOptionCombos.length > 1
            ? ` (${cocMeta.name ?? cocMeta.code ?? coc})`
            : ''
    const unit = metadata.orgUnit(ou)
    return {
        indicator: `${element?.name ?? element?.code ?? de}${disaggregation}`,
        facility: unit ? `${unit.name ?? unit.code ?? ou}${unit.code ? ` (${unit.code})` : ''}` : ou,
        period: monthName(period),
    }
}

export function removedIssue(metadata: MetadataIndex, e: LedgerEntry): ValidationIssue {
    const cell = describeCell(metadata, e)
    const issue = makeIssue(
        'REMOVED_VALUE',
        { file: e.file, row: e.row },
        { value: e.value, indicator: cell.indicator, facility: cell.facility, period: '{{period}}' },
        'warning'
    )
    issue.message = {
        fr: issue.message.fr.replace('{{period}}', cell.period.fr),
        en: issue.message.en.replace('{{period}}', cell.period.en),
    }
    return issue
}

function replacesIssue(pv: PlannedValue): ValidationIssue | null {
    const e = pv.replaces
    if (!e) return null
    return makeIssue(
        'REPLACES_OTHER_SOURCE',
        locationOf(pv.value),
        { sent: e.value, sentAt: shortDate(e.at), otherFile: e.file, otherRow: e.row },
        'warning'
    )
}

/** Per planned value: how it differs from what DHIS2 holds, and whether it replaces another file's. */
export function plannedValueIssues(plan: Plan): ValidationIssue[] {
    const out: ValidationIssue[] = []
    for (const pv of plan.values) {
        const d = differenceIssue(pv)
        if (d) out.push(d)
        const r = replacesIssue(pv)
        if (r) out.push(r)
    }
    return out
}

/** Why some values were not sent: already in DHIS2, zeros DHIS2 does not keep, others' edits held. */
export function planNote(plan: Plan, force: boolean, sent: boolean): Localized | undefined {
    const parts: Localized[] = []
    const c = plan.counts
    if (c.unchanged > 0 && !force)
        parts.push(
            messageFor(sent ? 'PUSH_NOTE_UNCHANGED_NOT_SENT' : 'PUSH_NOTE_NOTHING_NEW', {
                unchanged: c.unchanged,
            }).message
        )
    if (c.zerosNotStored > 0)
        parts.push(messageFor('PUSH_NOTE_ZEROS_NOT_STORED', { zeros: c.zerosNotStored }).message)
    const held = plan.values.filter((p) => p.status === 'held').length
    if (held > 0) parts.push(messageFor('PUSH_NOTE_DHIS2_EDITS_HELD', { held }).message)
    if (parts.length === 0) return undefined
    return { fr: parts.map((p) => p.fr).join(' '), en: parts.map((p) => p.en).join(' ') }
}
