// Messages specific to labs and mutuelles (the shared catalogue is bridge/src/i18n/messages.ts).
// None of them quotes a patient-level cell: only test, result, age group, sex, facility or date.
import type { Localized, Severity, ValidationIssue } from '../../core/types.js'
import { localize } from '../../i18n/messages.js'

interface Entry {
    message: Localized
    hint?: Localized
}

export const LAB_MESSAGES = {
    LAB_BAD_DATE: {
        message: { fr: 'Date du test illisible : « {{value}} ».', en: 'Unreadable test date: "{{value}}".' },
        hint: { fr: 'Écrivez la date sous la forme 15/03/2024.', en: 'Write the date as 15/03/2024.' },
    },
    LAB_UNKNOWN_TEST: {
        message: {
            fr: 'Examen non suivi par DHIS2 : « {{value}} » (ligne ignorée).',
            en: 'Test not tracked in DHIS2: "{{value}}" (row ignored).',
        },
        hint: {
            fr: 'Examens transmis : TDR, goutte épaisse (GE), GeneXpert, test VIH ; corrigez l’orthographe si c’en est un.',
            en: 'Tests sent: malaria RDT (TDR), microscopy (GE), GeneXpert, HIV test; fix the spelling if it is one.',
        },
    },
    LAB_UNKNOWN_RESULT: {
        message: { fr: 'Résultat inconnu : « {{value}} ».', en: 'Unknown result: "{{value}}".' },
        hint: {
            fr: 'Écrivez Positif ou Négatif (POS, NEG, +, - sont acceptés).',
            en: 'Write Positif or Négatif (POS, NEG, +, - are accepted).',
        },
    },
    LAB_RESULT_EXCLUDED: {
        message: {
            fr: 'Résultat « {{value}} » : test non compté (ni positif ni négatif).',
            en: 'Result "{{value}}": test not counted (neither positive nor negative).',
        },
    },
    LAB_BAD_AGE: {
        message: {
            fr: 'Âge illisible ou impossible : « {{value}} ».',
            en: 'Unreadable or impossible age: "{{value}}".',
        },
        hint: {
            fr: 'Écrivez l’âge en années (ex. 34) ou en mois (ex. 18 mois).',
            en: 'Write the age in years (e.g. 34) or months (e.g. 18 mois).',
        },
    },
    LAB_BAD_BIRTH_DATE: {
        message: {
            fr: 'Âge absent et date de naissance illisible (valeur non reproduite : donnée personnelle).',
            en: 'Age missing and birth date unreadable (value not shown: personal data).',
        },
        hint: { fr: 'Remplissez la colonne Âge.', en: 'Fill in the Age column.' },
    },
    LAB_UNKNOWN_SEX: {
        message: { fr: 'Sexe inconnu : « {{value}} ».', en: 'Unknown sex: "{{value}}".' },
        hint: { fr: 'Écrivez M ou F.', en: 'Write M or F.' },
    },
    LAB_UNKNOWN_AGE_GROUP: {
        message: { fr: 'Tranche d’âge inconnue : « {{value}} ».', en: 'Unknown age group: "{{value}}".' },
        hint: { fr: 'Écrivez « < 5 ans » ou « 5 ans et plus ».', en: 'Write "< 5 ans" or "5 ans et plus".' },
    },
    PATIENT_COLUMNS_DROPPED: {
        message: {
            fr: 'Colonnes de données personnelles ignorées dès la lecture (jamais envoyées ni enregistrées) : {{columns}}.',
            en: 'Personal data columns dropped at read time (never sent nor logged): {{columns}}.',
        },
        hint: {
            fr: 'Ces colonnes ne sont pas nécessaires : vous pouvez les retirer de l’export.',
            en: 'These columns are not needed: you may remove them from the export.',
        },
    },
    DATA_SET_MISSING: {
        message: {
            fr: 'Le rapport {{value}} n’existe pas dans ce DHIS2 : aucune valeur de ce fichier ne peut être envoyée.',
            en: 'Report {{value}} does not exist in this DHIS2: no value of this file can be sent.',
        },
        hint: {
            fr: 'Installez les métadonnées du projet (bridge metadata install), puis relancez.',
            en: 'Install the project’s metadata (bridge metadata install), then run again.',
        },
    },
    UNKNOWN_MUTUELLE: {
        message: { fr: 'Mutuelle inconnue : « {{value}} ».', en: 'Unknown mutual: "{{value}}".' },
        hint: {
            fr: 'Utilisez le nom ou le code de la mutuelle tel qu’inscrit dans mappings/mutuelles/mutuelles.json (ex. MUT_KOLOKANI).',
            en: 'Use the mutual’s name or code as listed in mappings/mutuelles/mutuelles.json (e.g. MUT_KOLOKANI).',
        },
    },
    UNKNOWN_PRESTATION: {
        message: {
            fr: 'Type de prestation inconnu : « {{value}} ».',
            en: 'Unknown service kind: "{{value}}".',
        },
        hint: {
            fr: 'Valeurs admises : consultation, hospitalisation, accouchement, médicaments, analyses.',
            en: 'Allowed values: consultation, hospitalisation, accouchement, médicaments, analyses.',
        },
    },
    MUT_INCONSISTENT: {
        message: {
            fr: 'Incohérence : {{detail}}.',
            en: 'Inconsistency: {{detail}}.',
        },
        hint: { fr: 'Vérifiez les effectifs de la ligne.', en: 'Check the figures of the row.' },
    },
} satisfies Record<string, Entry>

export type LabMessageCode = keyof typeof LAB_MESSAGES

export function labIssue(
    code: LabMessageCode,
    at: { file: string; row?: number; column?: string; value?: string; sheet?: string },
    params: Record<string, string | number> = {},
    severity: Severity = 'error'
): ValidationIssue {
    const entry: Entry = LAB_MESSAGES[code]
    const all = { value: at.value, ...params }
    const issue: ValidationIssue = { code, severity, file: at.file, message: localize(entry.message, all) }
    if (entry.hint !== undefined) issue.hint = localize(entry.hint, all)
    if (at.sheet !== undefined) issue.sheet = at.sheet
    if (at.row !== undefined) issue.row = at.row
    if (at.column !== undefined) issue.column = at.column
    if (at.value !== undefined) issue.value = at.value
    return issue
}
