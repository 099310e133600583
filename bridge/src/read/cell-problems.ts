// Cells whose value a spreadsheet does not hold: an Excel error (#DIV/0!…) or a formula saved without
// its computed value (files written by tools that never calculate). Named in French as French Excel shows them.

export type CellProblem = { problem: 'error'; error: string } | { problem: 'formula' }

const FRENCH_ERRORS: Record<string, { fr: string; why: { fr: string; en: string } }> = {
    '#DIV/0!': { fr: '#DIV/0!', why: { fr: 'division par zéro', en: 'division by zero' } },
    '#REF!': {
        fr: '#REF!',
        why: { fr: 'la formule vise une cellule supprimée', en: 'the formula points at a deleted cell' },
    },
    '#N/A': { fr: '#N/A', why: { fr: 'valeur introuvable', en: 'value not available' } },
    '#VALUE!': {
        fr: '#VALEUR!',
        why: { fr: 'la formule calcule sur du texte', en: 'the formula computes on text' },
    },
    '#NAME?': {
        fr: '#NOM?',
        why: { fr: 'nom de fonction ou de plage inconnu', en: 'unknown function or range name' },
    },
    '#NUM!': { fr: '#NOMBRE!', why: { fr: 'nombre impossible', en: 'impossible number' } },
    '#NULL!': { fr: '#NUL!', why: { fr: 'plages sans intersection', en: 'ranges do not intersect' } },
}

/** Parameters of the EXCEL_ERROR_CELL message: the error as French and English Excel show it, and why. */
export function excelErrorParams(error: string): Record<string, string> {
    const known = FRENCH_ERRORS[error]
    if (!known)
        return { errorFr: 'erreur', errorEn: 'error', whyFr: 'erreur de formule', whyEn: 'formula error' }
    return { errorFr: known.fr, errorEn: error, whyFr: known.why.fr, whyEn: known.why.en }
}
