// What a clinic must do about each DHIS2 conflict, in French and English (docs/dhis2-api.md §3.3).
import type { Localized, ValidationIssue } from '../core/types.js'
import { interpolate, messageFor } from '../i18n/messages.js'

const EXPLANATIONS: Record<string, Localized> = {
    E7600: {
        fr: 'le rapport (data set) est inconnu de DHIS2 : l’opérateur du pont doit vérifier la correspondance',
        en: 'the data set is unknown to DHIS2: the bridge operator must check the mapping',
    },
    E7601: {
        fr: 'le compte utilisé n’a pas le droit de saisir ce rapport : demandez l’accès à l’administrateur DHIS2',
        en: 'the account used may not enter data for this report: ask the DHIS2 administrator for access',
    },
    E7610: {
        fr: 'indicateur inconnu de DHIS2 : vérifiez le code de l’indicateur',
        en: 'data element unknown to DHIS2: check the data element code',
    },
    E7611: {
        fr: 'période invalide : écrivez le mois comme 2024-03',
        en: 'invalid period: write the month as 2024-03',
    },
    E7612: {
        fr: 'structure inconnue de DHIS2 : vérifiez le code de la structure',
        en: 'facility unknown to DHIS2: check the facility code',
    },
    E7613: {
        fr: 'ventilation inconnue de DHIS2 : utilisez une ventilation du modèle',
        en: 'disaggregation unknown to DHIS2: use a disaggregation from the template',
    },
    E7617: {
        fr: 'la structure {{orgUnit}} n’est pas dans la zone du compte qui envoie (autre district) : vérifiez le code de la structure, ou faites envoyer cette ligne par le district dont elle relève',
        en: 'facility {{orgUnit}} is outside the sending account’s area (another district): check the facility code, or have this row sent by its own district',
    },
    E7618: { fr: 'valeur vide : remplissez la cellule', en: 'empty value: fill in the cell' },
    E7619: {
        fr: 'la valeur n’a pas le bon type (nombre entier positif attendu) : corrigez la cellule',
        en: 'the value has the wrong type (a whole positive number is expected): fix the cell',
    },
    E7621: {
        fr: 'la valeur ne fait pas partie des choix permis',
        en: 'the value is not one of the allowed options',
    },
    E7633: {
        fr: 'cet indicateur ne fait pas partie du rapport : retirez la ligne',
        en: 'this data element is not part of the report: remove the row',
    },
    E7634: {
        fr: 'cette ventilation n’existe pas pour cet indicateur : corrigez la colonne ventilation',
        en: 'this disaggregation does not exist for this data element: fix the disaggregation column',
    },
    E7636: {
        fr: 'la structure n’est pas rattachée à ce rapport dans DHIS2 : l’administrateur doit l’y affecter',
        en: 'the facility is not assigned to this report in DHIS2: the administrator must assign it',
    },
    E7638: {
        fr: 'la période est hors des dates permises pour cette option',
        en: 'the period is outside the dates allowed for this option',
    },
    E7639: {
        fr: 'la structure n’est pas permise pour cette option',
        en: 'the facility is not allowed for this option',
    },
    E7640: {
        fr: 'le délai de saisie de cette période est dépassé : demandez au district de rouvrir la période',
        en: 'the entry deadline for this period has passed: ask the district to reopen the period',
    },
    E7641: {
        fr: 'la période n’est pas encore close (mois en cours ou futur) : envoyez le rapport une fois le mois terminé',
        en: 'the period is not closed yet (current or future month): send the report once the month is over',
    },
    E7642: {
        fr: 'les données de ce mois sont déjà approuvées : demandez au district de retirer l’approbation avant de corriger',
        en: 'data for this month is already approved: ask the district to unapprove it before correcting',
    },
    E7643: {
        fr: 'la saisie de cette période est fermée pour ce rapport',
        en: 'data entry for this period is closed for this report',
    },
    E7644: {
        fr: 'la période n’est pas ouverte à la saisie',
        en: 'the period is not open for data entry',
    },
}

export function explainConflict(
    errorCode: string | undefined,
    params: { orgUnit?: string | undefined },
    dhis2Message: string
): Localized {
    const e = errorCode ? EXPLANATIONS[errorCode] : undefined
    const p = { orgUnit: params.orgUnit ?? '' }
    if (e) return { fr: interpolate(e.fr, p), en: interpolate(e.en, p) }
    return { fr: `DHIS2 : ${dhis2Message}`, en: `DHIS2: ${dhis2Message}` }
}

export const EXPLAINED_CODES = Object.keys(EXPLANATIONS)

/**
 * DHIS2 refuses value by value; a wide-format row holds many values, so one refusal of a row (an
 * org unit outside the account's area) came out as one message per value. Issues that say the same
 * thing about the same cell of the file are merged into one, with the number of values it covers.
 */
export function groupByRow(issues: readonly ValidationIssue[]): ValidationIssue[] {
    const groups = new Map<string, { first: ValidationIssue; count: number }>()
    const out: ValidationIssue[] = []
    for (const issue of issues) {
        const id = [
            issue.code,
            issue.file,
            issue.sheet ?? '',
            issue.row ?? '',
            issue.column ?? '',
            issue.value ?? '',
            issue.dhis2?.errorCode ?? '',
        ].join('\u0000')
        const g = groups.get(id)
        if (g) g.count++
        else {
            const entry = { first: issue, count: 1 }
            groups.set(id, entry)
            out.push(issue)
        }
    }
    for (const { first, count } of groups.values())
        if (count > 1) {
            const more = messageFor('VALUES_OF_ROW', { count }).message
            first.message = { fr: `${first.message.fr} ${more.fr}`, en: `${first.message.en} ${more.en}` }
        }
    return out
}
