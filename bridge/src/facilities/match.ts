// Proposes a DHIS2 org unit for each facility of a registry. The health district is a hard constraint:
// a facility is only ever compared with the org units under its own district.
import { districtKey, facilityTokens, foldText } from './normalize.js'
import { jaroWinkler, tokenSetSimilarity } from './similarity.js'

export interface RegistryFacility {
    /** The facility's own reference in the registry (licence number, code…), unique in the file. */
    ref: string
    name: string
    district: string
    commune?: string
    /** Sector group code (`SECT_PRIVE_LUCRATIF`…) when the registry gives it. */
    sector?: string
    /** Type group code (`TYPE_CLINIQUE`…) when the registry gives it. */
    type?: string
    row: number
}

export interface OrgUnitRef {
    id: string
    code?: string
    name: string
    shortName?: string
    level: number
    /** `/root/region/district/facility` */
    path: string
    closedDate?: string
}

export type MatchStatus = 'proposed' | 'to-review' | 'unmatched'

export interface MatchCandidate {
    orgUnit: string
    orgUnitCode?: string
    orgUnitName: string
    score: number
}

export interface FacilityMatch {
    facility: RegistryFacility
    /** The district org unit the facility was constrained to, or null when the district is unknown. */
    district: { id: string; name: string } | null
    status: MatchStatus
    best: MatchCandidate | null
    /** The next candidates, for the reviewer. */
    alternatives: MatchCandidate[]
    reason?: 'unknown-district' | 'no-candidate' | 'low-score' | 'taken'
}

export interface MatchOptions {
    /** At or above: proposed. Default 0.85. */
    acceptScore?: number
    /** At or above (and below accept): to review. Default 0.6. */
    reviewScore?: number
    /** Level of health districts. Default 3 (Mali: country > region > district > facility). */
    districtLevel?: number
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000

/** Resolves the registry's district text to exactly one district org unit, or null. */
export function resolveDistrict(text: string, districts: readonly OrgUnitRef[]): OrgUnitRef | null {
    const key = districtKey(text)
    if (key.length === 0) return null
    const exact = districts.filter(
        (d) => districtKey(d.name) === key || (d.code !== undefined && foldText(d.code) === key)
    )
    if (exact.length === 1) return exact[0] ?? null
    if (exact.length > 1) return null
    const scored = districts
        .map((d) => ({ d, s: jaroWinkler(key, districtKey(d.name)) }))
        .sort((a, b) => b.s - a.s)
    const first = scored[0]
    const second = scored[1]
    if (first === undefined || first.s < 0.92) return null
    if (second !== undefined && first.s - second.s < 0.03) return null
    return first.d
}

export function matchFacilities(
    registry: readonly RegistryFacility[],
    orgUnits: readonly OrgUnitRef[],
    options: MatchOptions = {}
): FacilityMatch[] {
    const accept = options.acceptScore ?? 0.85
    const review = options.reviewScore ?? 0.6
    const districtLevel = options.districtLevel ?? 3
    const districts = orgUnits.filter((ou) => ou.level === districtLevel)
    const facilities = orgUnits.filter((ou) => ou.level > districtLevel && ou.closedDate === undefined)

    const tokensOf = new Map<string, string[]>()
    const documentFrequency = new Map<string, number>()
    for (const ou of facilities) {
        const tokens = facilityTokens(ou.name)
        tokensOf.set(ou.id, tokens)
        for (const t of new Set(tokens)) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1)
    }
    // Rare words (proper names) identify a facility; frequent ones ("clinique", "medical") barely do.
    const n = Math.max(1, facilities.length)
    const weight = (token: string): number => Math.log(1 + n / (documentFrequency.get(token) ?? 1))

    const scoredAll = registry.map((facility) => {
        const district = resolveDistrict(facility.district, districts)
        if (district === null) return { facility, district, candidates: [] as MatchCandidate[] }
        const inDistrict = facilities.filter((ou) => ou.path.includes(`/${district.id}/`))
        const own = facilityTokens(facility.name)
        const commune = facility.commune === undefined ? [] : facilityTokens(facility.commune)
        const candidates = inDistrict
            .map((ou) => {
                const theirs = tokensOf.get(ou.id) ?? []
                // The commune often appears in the DHIS2 name but not in the registry's: it may lift a
                // name that already matches, never make a match on its own.
                const base = tokenSetSimilarity(own, theirs, weight)
                const withCommune =
                    commune.length > 0 && base >= review
                        ? tokenSetSimilarity([...own, ...commune], theirs, weight)
                        : 0
                const score = Math.max(base, withCommune)
                const candidate: MatchCandidate = {
                    orgUnit: ou.id,
                    orgUnitName: ou.name,
                    score: round3(score),
                }
                if (ou.code !== undefined) candidate.orgUnitCode = ou.code
                return candidate
            })
            .sort((a, b) => b.score - a.score)
        return { facility, district, candidates }
    })

    // One org unit for one facility: best scores claim first, the others fall back to their next candidate.
    const order = scoredAll
        .map((entry, index) => ({ index, top: entry.candidates[0]?.score ?? 0 }))
        .sort((a, b) => b.top - a.top)
    const taken = new Set<string>()
    const results = new Array<FacilityMatch>(scoredAll.length)
    for (const { index } of order) {
        const entry = scoredAll[index]
        if (entry === undefined) continue
        const { facility, district, candidates } = entry
        const districtRef = district === null ? null : { id: district.id, name: district.name }
        if (district === null) {
            results[index] = {
                facility,
                district: null,
                status: 'unmatched',
                best: null,
                alternatives: [],
                reason: 'unknown-district',
            }
            continue
        }
        const free = candidates.filter((c) => !taken.has(c.orgUnit))
        const best = free[0]
        const alternatives = free.slice(1, 4)
        if (best === undefined || best.score < review) {
            const reason =
                candidates.length === 0 ? 'no-candidate' : best === undefined ? 'taken' : 'low-score'
            results[index] = {
                facility,
                district: districtRef,
                status: 'unmatched',
                best: null,
                alternatives: free.slice(0, 3),
                reason,
            }
            continue
        }
        taken.add(best.orgUnit)
        const runnerUp = alternatives[0]
        const clear = runnerUp === undefined || best.score - runnerUp.score >= 0.05
        const status: MatchStatus = best.score >= accept && clear ? 'proposed' : 'to-review'
        results[index] = { facility, district: districtRef, status, best, alternatives }
    }
    return results
}
