// The gate every issue of a source holding patient-level data (labs, mutuelles) passes through:
// whatever a processor builds, no cell text leaves it. The lab and mutuelle kinds wrap their processors
// with it (sources/line-list/guard.ts); they build their issues without cell text in the first place
// (lineListIssue), and this gate makes a slip harmless instead of a leak.
import type { Localized, ValidationIssue } from './types.js'

const WITHHELD: Localized = {
    fr: 'Valeur refusée dans cette cellule (contenu non reproduit : données de patients).',
    en: 'Value refused in this cell (content not shown: patient data).',
}

function mentions(text: Localized | undefined, cell: string): boolean {
    return text !== undefined && (text.fr.includes(cell) || text.en.includes(cell))
}

/** The issue without `value`; a message or hint quoting that value is replaced by a neutral one. */
export function stripCellText(issue: ValidationIssue): ValidationIssue {
    if (issue.value === undefined) return issue
    const { value, ...rest } = issue
    const cell = value.trim()
    if (cell.length > 0 && (mentions(rest.message, cell) || mentions(rest.hint, cell))) {
        const safe: ValidationIssue = { ...rest, message: WITHHELD }
        delete safe.hint
        return safe
    }
    return rest
}
