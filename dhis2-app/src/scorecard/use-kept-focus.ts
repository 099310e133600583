import { useEffect, useRef } from 'react'

/**
 * Keyboard users keep their place: after going down a level (the link they used is gone), focus goes to the new
 * title; after opening an indicator, to its detail. A control that still exists keeps its focus. Nothing moves
 * before the figures are in (`unitId` is null until then), nor on the first view.
 */
export function useKeptFocus(unitId: string | null, indicator: string | null) {
    const titleRef = useRef<HTMLHeadingElement>(null)
    const detailRef = useRef<HTMLHeadingElement>(null)
    const lastReady = useRef<{ unit: string; indicator: string | null } | null>(null)
    useEffect(() => {
        if (unitId === null) return
        const before = lastReady.current
        lastReady.current = { unit: unitId, indicator }
        if (before === null) return
        const lost = document.activeElement === null || document.activeElement === document.body
        if (before.unit !== unitId) {
            if (lost) titleRef.current?.focus()
        } else if (before.indicator !== indicator && indicator !== null) {
            detailRef.current?.focus()
        }
    }, [unitId, indicator])
    return { titleRef, detailRef }
}
