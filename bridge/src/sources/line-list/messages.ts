// Messages of the lab and mutuelle kinds (the shared catalogue is bridge/src/i18n/messages.ts). Their
// files hold patient-level data: no message quotes a cell. An issue names the file, row and column;
// parameters come from the layout, the rules or computed values (codes, periods, counts), never from
// what was typed.
import type { Localized, Severity, ValidationIssue } from '../../core/types.js'
import { interpolate, MESSAGES, type MessageCode } from '../../i18n/messages.js'

interface Entry {
    message: Localized
    hint?: Localized
}

export const LINE_LIST_MESSAGES = {
    NO_HEADER_ROW: {
        message: {
            fr: 'Aucune ligne de titres reconnue en haut du fichier : les colonnes ne peuvent pas être lues.',
            en: 'No recognised title row at the top of the file: the columns cannot be read.',
        },
        hint: {
            fr: 'Ajoutez en première ligne les titres du modèle : {{expected}}.',
            en: 'Add the template’s titles as the first row: {{expected}}.',
        },
    },
    LAB_BAD_DATE: {
        message: { fr: 'Date du test illisible.', en: 'Unreadable test date.' },
        hint: { fr: 'Écrivez la date sous la forme 15/03/2024.', en: 'Write the date as 15/03/2024.' },
    },
    LAB_UNKNOWN_TEST: {
        message: {
            fr: 'Examen non suivi par DHIS2 ou mal écrit : ligne ignorée.',
            en: 'Test not tracked in DHIS2, or misspelt: row ignored.',
        },
        hint: {
            fr: 'Examens transmis : TDR, goutte épaisse (GE), GeneXpert, test VIH ; corrigez l’orthographe si c’en est un.',
            en: 'Tests sent: malaria RDT (TDR), microscopy (GE), GeneXpert, HIV test; fix the spelling if it is one.',
        },
    },
    LAB_UNKNOWN_RESULT: {
        message: { fr: 'Résultat inconnu.', en: 'Unknown result.' },
        hint: {
            fr: 'Écrivez Positif ou Négatif (POS, NEG, +, - sont acceptés).',
            en: 'Write Positif or Négatif (POS, NEG, +, - are accepted).',
        },
    },
    LAB_RESULT_EXCLUDED: {
        message: {
            fr: 'Résultat ni positif ni négatif (invalide, indéterminé, en attente…) : test non compté.',
            en: 'Result neither positive nor negative (invalid, indeterminate, pending…): test not counted.',
        },
    },
    LAB_BAD_AGE: {
        message: { fr: 'Âge illisible ou impossible.', en: 'Unreadable or impossible age.' },
        hint: {
            fr: 'Écrivez l’âge en années (ex. 34) ou en mois (ex. 18 mois).',
            en: 'Write the age in years (e.g. 34) or months (e.g. 18 mois).',
        },
    },
    LAB_BAD_BIRTH_DATE: {
        message: {
            fr: 'Âge absent et date de naissance illisible.',
            en: 'Age missing and birth date unreadable.',
        },
        hint: { fr: 'Remplissez la colonne Âge.', en: 'Fill in the Age column.' },
    },
    LAB_UNKNOWN_SEX: {
        message: { fr: 'Sexe inconnu.', en: 'Unknown sex.' },
        hint: { fr: 'Écrivez M ou F.', en: 'Write M or F.' },
    },
    LAB_UNKNOWN_AGE_GROUP: {
        message: { fr: 'Tranche d’âge inconnue.', en: 'Unknown age group.' },
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
            fr: 'Le rapport {{dataSet}} n’existe pas dans ce DHIS2 : aucune valeur de ce fichier ne peut être envoyée.',
            en: 'Report {{dataSet}} does not exist in this DHIS2: no value of this file can be sent.',
        },
        hint: {
            fr: 'Installez les métadonnées du projet (bridge metadata install), puis relancez.',
            en: 'Install the project’s metadata (bridge metadata install), then run again.',
        },
    },
    UNKNOWN_MUTUELLE: {
        message: { fr: 'Mutuelle inconnue.', en: 'Unknown mutual.' },
        hint: {
            fr: 'Utilisez le nom ou le code de la mutuelle tel qu’inscrit dans mappings/mutuelles/mutuelles.json (ex. MUT_KOLOKANI).',
            en: 'Use the mutual’s name or code as listed in mappings/mutuelles/mutuelles.json (e.g. MUT_KOLOKANI).',
        },
    },
    UNKNOWN_PRESTATION: {
        message: { fr: 'Type de prestation inconnu.', en: 'Unknown service kind.' },
        hint: {
            fr: 'Valeurs admises : consultation, hospitalisation, accouchement, médicaments, analyses.',
            en: 'Allowed values: consultation, hospitalisation, accouchement, médicaments, analyses.',
        },
    },
    MUT_INCONSISTENT: {
        message: { fr: 'Incohérence : {{detail}}.', en: 'Inconsistency: {{detail}}.' },
        hint: { fr: 'Vérifiez les effectifs de la ligne.', en: 'Check the figures of the row.' },
    },
    MUT_WRONG_DISTRICT: {
        message: {
            fr: 'District sanitaire différent de celui de la mutuelle {{mutuelle}} : {{district}} attendu.',
            en: 'Health district differs from the one of mutual {{mutuelle}}: {{district}} expected.',
        },
        hint: {
            fr: 'Écrivez {{district}} (« DS {{district}} » convient aussi), ou laissez la cellule vide : le district est celui de la mutuelle.',
            en: 'Write {{district}} ("DS {{district}}" is fine too), or leave the cell empty: the district is the mutual’s.',
        },
    },
    // The shared catalogue's cell-level messages quote the cell ({{value}}); for labs and mutuelles the
    // same codes read without it.
    UNKNOWN_FACILITY: {
        message: { fr: 'Code de structure inconnu.', en: 'Unknown facility code.' },
        hint: {
            fr: 'Utilisez le code de la structure attribué par le district (ex. FS-C5-012) ; demandez-le au médecin-chef si besoin.',
            en: 'Use the facility code given by the district (e.g. FS-C5-012); ask the district health officer if needed.',
        },
    },
    BAD_PERIOD: {
        message: { fr: 'Mois illisible.', en: 'Unreadable month.' },
        hint: {
            fr: 'Écrivez le mois sous la forme 2024-03, 03/2024, mars 2024 ou 202403.',
            en: 'Write the month as 2024-03, 03/2024, mars 2024 or 202403.',
        },
    },
    NOT_A_NUMBER: {
        message: { fr: 'Cette cellule ne contient pas un nombre.', en: 'This cell does not hold a number.' },
        hint: {
            fr: 'Écrivez seulement des chiffres (ex. 12), sans texte ni unité.',
            en: 'Write digits only (e.g. 12), no text or unit.',
        },
    },
    NEGATIVE_COUNT: {
        message: {
            fr: 'Nombre négatif : un effectif ne peut pas être négatif.',
            en: 'Negative number: a count cannot be negative.',
        },
        hint: { fr: 'Corrigez le nombre (0 ou plus).', en: 'Fix the number (0 or more).' },
    },
    NOT_AN_INTEGER: {
        message: {
            fr: 'Nombre à virgule pour un effectif : un nombre entier est attendu.',
            en: 'Decimal number for a count: a whole number is expected.',
        },
        hint: { fr: 'Écrivez un nombre entier (ex. 12).', en: 'Write a whole number (e.g. 12).' },
    },
} satisfies Record<string, Entry>

export type LineListMessageCode = keyof typeof LINE_LIST_MESSAGES

/** Where an issue is: never what the cell holds. */
export interface CellAt {
    file: string
    row?: number
    column?: string
    sheet?: string
}

/** A parameter in both languages, or the same text in both (codes, numbers, periods). */
export type Param = string | number | Localized

const NOT_SHOWN: Localized = { fr: 'contenu non reproduit', en: 'content not shown' }

function fill(text: Localized, params: Record<string, Param>): Localized {
    const one = (lang: 'fr' | 'en'): string =>
        interpolate(
            text[lang],
            Object.fromEntries(
                Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v])
            )
        )
    return { fr: one('fr'), en: one('en') }
}

/**
 * An issue of a lab or mutuelle file. The message comes from this module (cell-free wording) or, for
 * the codes it does not override, from the shared catalogue; a catalogue text that would quote the
 * cell gets « contenu non reproduit » instead, since `at` carries no cell text to quote.
 */
export function lineListIssue(
    code: LineListMessageCode | MessageCode,
    at: CellAt,
    params: Record<string, Param> = {},
    severity: Severity = 'error'
): ValidationIssue {
    const entry: Entry | undefined =
        (LINE_LIST_MESSAGES as Record<string, Entry>)[code] ?? (MESSAGES as Record<string, Entry>)[code]
    const all: Record<string, Param> = { value: NOT_SHOWN, column: at.column ?? '', ...params }
    const issue: ValidationIssue = {
        code,
        severity,
        file: at.file,
        message: entry ? fill(entry.message, all) : { fr: code, en: code },
    }
    if (entry?.hint !== undefined) issue.hint = fill(entry.hint, all)
    if (at.sheet !== undefined) issue.sheet = at.sheet
    if (at.row !== undefined) issue.row = at.row
    if (at.column !== undefined) issue.column = at.column
    return issue
}
