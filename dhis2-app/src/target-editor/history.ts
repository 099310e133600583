import i18n from '@dhis2/d2-i18n'
import { z } from 'zod'
import { targetRecordSchema } from '../progress/target-record'
import { csvDocument } from '../shared/csv-values'
import { draftFromRecord } from './record-draft'

/** History entries are separate dataStore keys, never rewritten: `history-<ms since 1970>-<random>`. */
export const HISTORY_PREFIX = 'history-'

export function historyKey(now: Date, random: () => number = Math.random): string {
    const suffix = Array.from(
        { length: 6 },
        () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(random() * 36)]
    ).join('')
    return `${HISTORY_PREFIX}${String(now.getTime()).padStart(13, '0')}-${suffix}`
}

const recordOrNull = targetRecordSchema.nullable()

/** One save attempt. Who and when are not here: they are the entry's DHIS2 metadata (createdBy, created). */
export const historyEntrySchema = z.object({
    type: z.literal('odd3-target-history'),
    code: z.string(),
    orgUnit: z.string().nullable(),
    outcome: z.enum(['saved', 'refused']),
    /** The stored record before the attempt (for a refusal: the one that blocked it). */
    old: recordOrNull,
    /** What the planner tried to store. */
    new: recordOrNull,
    reason: z.string().min(1).max(1000),
    via: z.enum(['editor', 'import']),
})

export type HistoryEntry = z.infer<typeof historyEntrySchema>

/** The fields the namespace query asks for, so one request lists every entry. */
export const HISTORY_FIELDS = ['type', 'code', 'orgUnit', 'outcome', 'old', 'new', 'reason', 'via'] as const

export interface UserRef {
    id: string
    name: string
}

/** An entry with its DHIS2 metadata, as the « Historique » shows it. */
export interface HistoryItem {
    key: string
    entry: HistoryEntry
    by: UserRef | null
    at: string | null
}

/** DHIS2 sends the user as `{id, code, name, displayName, username}` (UserPropertyTransformer). */
export const userRefSchema = z
    .object({
        id: z.string(),
        displayName: z.string().nullish(),
        name: z.string().nullish(),
        username: z.string().nullish(),
    })
    .transform((u): UserRef => ({ id: u.id, name: u.displayName || u.name || u.username || u.id }))

export const entryMetaSchema = z.object({
    id: z.string(),
    /** DHIS2's sharing of the entry: `public` access string, group accesses by group uid. */
    sharing: z
        .object({
            public: z.string().nullish(),
            userGroups: z.record(z.string(), z.object({ access: z.string() })).nullish(),
        })
        .nullish(),
    created: z.string().nullish(),
    lastUpdated: z.string().nullish(),
    createdBy: userRefSchema.nullish(),
    lastUpdatedBy: userRefSchema.nullish(),
})

export type EntryMeta = z.infer<typeof entryMetaSchema>

/** Newest first: the key starts with the time the app wrote it; the shown time is DHIS2's own. */
export function newestFirst(items: readonly HistoryItem[]): HistoryItem[] {
    return [...items].sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
}

function targetsText(record: HistoryEntry['old']): string {
    if (!record) return ''
    const draft = draftFromRecord(record)
    return [
        draft.target2023 && `2023 = ${draft.target2023}`,
        draft.target2030 && `2030 = ${draft.target2030}`,
        draft.baselineValue && `${i18n.t('Baseline')} = ${draft.baselineValue}`,
    ]
        .filter(Boolean)
        .join(', ')
}

export function outcomeLabel(outcome: HistoryEntry['outcome']): string {
    return outcome === 'saved' ? i18n.t('Saved') : i18n.t('Refused (changed meanwhile)')
}

/** The history as CSV, the same format as the scorecard export. */
export function historyCsv(
    items: readonly HistoryItem[],
    orgUnitName: (id: string | null) => string
): string {
    const header = [
        i18n.t('Date'),
        i18n.t('User'),
        i18n.t('Code'),
        i18n.t('Level'),
        i18n.t('Outcome'),
        i18n.t('Old value'),
        i18n.t('New value'),
        i18n.t('Reason'),
    ]
    const lines = newestFirst(items).map((item) => [
        item.at ?? '',
        item.by?.name ?? '',
        item.entry.code,
        orgUnitName(item.entry.orgUnit),
        outcomeLabel(item.entry.outcome),
        targetsText(item.entry.old),
        targetsText(item.entry.new),
        item.entry.reason,
    ])
    return csvDocument([header, ...lines])
}

export { targetsText as recordSummary }
