// The write of one checked value, with DefaultDataValueSetService#importDataValue's counting rules
// (docs/dhis2-api.md §3.1): zeros that are not significant, soft deletes, strategies, unchanged values.
import type { DataValueKey, StoredDataValue } from '../core/types.js'
import type { ImportContext } from './import-context.js'
import { trimToNull } from './import-support.js'
import type { DataValueEntry } from './payload.js'
import type { ConflictCollector, ImportCount } from './summary.js'
import type { ResolvedValue } from './value-checks.js'
import { recordInsert } from './value-index.js'
import { isZeroAndInsignificant } from './value-validation.js'

function validInstant(value: string | null): string | null {
    if (value === null) return null
    const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`)
    return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

export type ValueWriter = (entry: DataValueEntry, index: number, resolved: ResolvedValue) => void

export function createValueWriter(
    ctx: ImportContext,
    counts: ImportCount,
    collector: ConflictCollector
): ValueWriter {
    const { db, user, strategy, dryRun } = ctx
    const store = db.dataValues
    const nowIso = ctx.now.toISOString()

    /** Updates keep the stored object (the export index holds references to it). */
    const update = (existing: StoredDataValue, changes: Partial<StoredDataValue>): void => {
        Object.assign(existing, changes)
        store.put(existing)
    }

    return (entry, i, resolved) => {
        const { element, period, orgUnit, coc, aoc } = resolved
        const key: DataValueKey = {
            dataElement: element.id,
            period: period.id,
            orgUnit,
            categoryOptionCombo: coc,
            attributeOptionCombo: aoc,
        }
        const existing = ctx.skipExistingCheck ? undefined : store.get(key)
        const live = existing !== undefined && !existing.deleted
        const value = trimToNull(resolved.value)
        const comment = trimToNull(entry.comment)
        const zero = isZeroAndInsignificant(value, element)
        const removal = entry.deleted === true || (value === null && comment === null)
        const rejectIgnored = (): void => {
            counts.ignored++
            collector.reject(i)
        }
        const softDelete = (): void => {
            counts.deleted++
            if (!dryRun && existing) update(existing, { deleted: true, lastUpdated: nowIso })
        }
        const insert = (): void => {
            counts.imported++
            if (dryRun) return
            const fields = {
                value,
                comment,
                followup: entry.followup ?? false,
                storedBy: entry.storedBy ?? user.username,
                lastUpdated: validInstant(entry.lastUpdated) ?? nowIso,
                deleted: false,
            }
            if (existing) update(existing, fields)
            else {
                const row: StoredDataValue = {
                    ...key,
                    ...fields,
                    created: validInstant(entry.created) ?? nowIso,
                }
                store.put(row)
                recordInsert(db, row)
            }
        }
        // Order of DefaultDataValueSetService.importDataValue: a zero of an element where zero is not
        // significant is skipped (not counted, not rejected) unless there is a row to delete.
        if (zero && (existing === undefined || strategy === 'CREATE')) return
        if (live) {
            if (strategy === 'DELETE') return softDelete()
            if (strategy === 'CREATE') return rejectIgnored()
            if (removal || zero) return softDelete()
            // A missing follow-up flag reads as false (DataValue.isFollowup).
            const followup = entry.followup ?? false
            if (existing.value === value && existing.comment === comment && existing.followup === followup) {
                // 2.41 counts an unchanged value as ignored; 2.39-2.40 counted it as updated.
                if (ctx.unchangedCountsAsUpdate) counts.updated++
                else counts.ignored++
                return
            }
            counts.updated++
            if (!dryRun) {
                update(existing, {
                    value,
                    comment,
                    followup,
                    storedBy: entry.storedBy ?? user.username,
                    created: validInstant(entry.created) ?? existing.created,
                    lastUpdated: validInstant(entry.lastUpdated) ?? nowIso,
                    deleted: false,
                })
            }
            return
        }
        if (strategy === 'UPDATE' || strategy === 'DELETE') return rejectIgnored()
        // Null values are not persisted: ignored, without rejection.
        if (removal) {
            counts.ignored++
            return
        }
        insert()
    }
}
