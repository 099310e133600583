// The month a sheet title or a file name announces (« Mars 2024 », « rapport-2024-03.xlsx », « Février »),
// so that a sheet copied for the next month whose period cells were not changed can be caught.
import { parsePeriod } from '../../read/period.js'

export interface AnnouncedMonth {
    /** YYYYMM when the name gives the year too. */
    iso?: string
    month: number
    /** As found in the name, for messages. */
    text: string
}

function monthAlone(word: string): number | undefined {
    // period.ts knows the French and English spellings; a year is added only to ask it
    const p = /^[a-zA-ZÀ-ÿ.]+$/.test(word) && word.length >= 3 ? parsePeriod(`${word} 2000`) : undefined
    return p?.type === 'Monthly' ? p.month : undefined
}

/**
 * The single month a name announces, or undefined when it names none or several (a quarter's workbook
 * « janvier-mars 2024 » is not checked).
 */
export function announcedMonth(name: string): AnnouncedMonth | undefined {
    const base = name.replace(/\.(xlsx|xlsm|xls|ods|csv|txt|json)$/i, '')
    const tokens = base.split(/[\s_\-./()[\],;]+/).filter(Boolean)
    const found: AnnouncedMonth[] = []
    const used = new Set<number>()
    // two tokens first (« mars 2024 », « 2024 03 », « 03 2024 »), then one (« 202403 », « Mars-24 » split)
    for (let i = 0; i + 1 < tokens.length; i++) {
        const a = tokens[i] ?? ''
        const b = tokens[i + 1] ?? ''
        const p = parsePeriod(`${a} ${b}`) ?? (/^\d+$/.test(a + b) ? parsePeriod(`${a}-${b}`) : undefined)
        if (p?.type === 'Monthly' && !(/^\d{1,2}$/.test(a) && /^\d{1,2}$/.test(b))) {
            found.push({ iso: p.iso, month: p.month, text: `${a} ${b}` })
            used.add(i).add(i + 1)
            i++
        }
    }
    tokens.forEach((t, i) => {
        if (used.has(i)) return
        if (/^\d{6}$/.test(t)) {
            const p = parsePeriod(t)
            if (p?.type === 'Monthly') found.push({ iso: p.iso, month: p.month, text: t })
            return
        }
        const m = monthAlone(t)
        if (m !== undefined) found.push({ month: m, text: t })
    })
    const distinct = new Set(found.map((f) => f.iso ?? `m${f.month}`))
    if (found.length === 0 || distinct.size > 1) return undefined
    return found.find((f) => f.iso) ?? found[0]
}

/** Whether a period (YYYYMM) contradicts what a name announces. */
export function contradicts(announced: AnnouncedMonth, iso: string): boolean {
    if (announced.iso) return announced.iso !== iso
    return Number(iso.slice(4, 6)) !== announced.month
}
