import i18n from '@dhis2/d2-i18n'
import { toUserFacingError, type UserFacingError } from '../shared/errors'
import { uiLocale } from '../shared/format'
import { PLANNERS_GROUP_CODE } from '../progress/target-record'
import { httpStatus } from './data-store-client'
import { recordSummary } from './history'
import type { Conflict } from './save'

/** A DHIS2 timestamp (server time, no zone) as a reader says it: « 7 décembre 2026 à 16:12 ». */
export function formatWhen(at: string | null): string {
    if (at === null) return i18n.t('an unknown date')
    const date = new Date(at)
    if (Number.isNaN(date.getTime())) return at
    return new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'long', timeStyle: 'short' }).format(date)
}

/** « Cette cible a été modifiée par Awa Traoré le … ; valeur actuelle 2030 = 40 ». */
export function conflictMessage(conflict: Conflict): string {
    return i18n.t('This target was changed by {{name}} on {{date}}; current value {{value}}', {
        name: conflict.by?.name ?? i18n.t('another user'),
        date: formatWhen(conflict.at),
        value: conflict.current ? recordSummary(conflict.current) || i18n.t('all inherited') : i18n.t('none'),
    })
}

/** Why a save failed, in one sentence; a 403 is DHIS2's sharing refusing a non-planner. */
export function saveError(error: unknown): UserFacingError {
    if (error instanceof Error && error.name === 'MissingPlannersGroupError') {
        return {
            kind: 'access',
            status: null,
            title: i18n.t('The planners group is missing in DHIS2'),
            message: i18n.t(
                'Install the metadata package (user group {{code}}) before saving the first target.',
                { code: PLANNERS_GROUP_CODE }
            ),
        }
    }
    if (httpStatus(error) === 403) {
        return {
            kind: 'access',
            status: 403,
            title: i18n.t('DHIS2 refused to save the targets'),
            message: i18n.t(
                'Only members of the planners group ({{code}}) may change targets. Ask your DHIS2 administrator.',
                { code: PLANNERS_GROUP_CODE }
            ),
        }
    }
    return toUserFacingError(error)
}
