import i18n from '@dhis2/d2-i18n'
import type { ProgressStatus } from './status'
import type { Bilingual, TargetOrigin } from './target'
import { isEnglish } from '../shared/format'
import { frenchOf } from '../shared/place'

/** The status label; colour is never the only carrier of the status. */
export function statusLabel(status: ProgressStatus): string {
    switch (status) {
        case 'met':
            return i18n.t('Target met')
        case 'on-track':
            return i18n.t('On track')
        case 'behind':
            return i18n.t('Behind')
        case 'off-track':
            return i18n.t('Off track')
        case 'no-target':
            return i18n.t('No target')
        case 'no-data':
            return i18n.t('No data')
    }
}

/** Labels of the sector groups of the `SECTEUR` group set, by code. */
export function sectorLabel(code: string): string {
    switch (code) {
        case 'SECT_PUBLIC':
            return i18n.t('Public')
        case 'SECT_COMMUNAUTAIRE':
            return i18n.t('Community (CSCom)')
        case 'SECT_PRIVE_LUCRATIF':
            return i18n.t('Private for-profit')
        case 'SECT_PRIVE_NON_LUCRATIF':
            return i18n.t('Private non-profit / faith-based')
        default:
            return code
    }
}

/** The catalogue's own French or English text, following the UI language. */
export function localized(text: Bilingual): string {
    return isEnglish() ? text.en : text.fr
}

/** The country as the place a national figure is for, e.g. « Mali (national) ». */
export function nationalLabel(country: string): string {
    return i18n.t('{{country}} (national)', { country })
}

/**
 * Where a survey value comes from, e.g. « Mali (national) · EDSM VI 2018 »: survey values are the country's,
 * never the selected org unit's. The year is added only when the source does not already give it.
 */
export function nationalSurveyLabel(country: string, source: string | null, year: number): string {
    if (source === null) {
        return i18n.t('{{country}} (national) · no survey value', { country })
    }
    if (source.includes(String(year))) {
        return i18n.t('{{country}} (national) · {{source}}', { country, source })
    }
    return i18n.t('{{country}} (national) · {{source}} ({{year}})', {
        country,
        source,
        year,
    })
}

/**
 * Where a target comes from, shown next to it: « cible nationale », « cible régionale de Sikasso »,
 * « cible du district de Kadiolo » (the catalogue and a national record both read as national).
 */
export function originLabel(origin: TargetOrigin): string {
    const unit = origin.orgUnit
    if (unit === null || unit.level <= 1) return i18n.t('national target')
    const params = { name: unit.name, of: frenchOf(unit.name) }
    if (unit.level === 2) return i18n.t('regional target of {{name}}', params)
    if (unit.level === 3) return i18n.t('target of the {{name}} district', params)
    return i18n.t('target of {{name}}', params)
}
