// DHIS2's `filter=<property>:<operator>:<value>` and `order=` on metadata lists (docs/dhis2-api.md §8.1).
import type { SimMetadataStore } from '../core/database.js'

export interface Filter {
    path: string[]
    operator: string
    value: string
}

export class FilterError extends Error {}

const OPERATORS = new Set([
    'eq',
    '!eq',
    'ne',
    'neq',
    'ieq',
    'like',
    '!like',
    '$like',
    '!$like',
    'like$',
    '!like$',
    'ilike',
    '!ilike',
    '$ilike',
    '!$ilike',
    'ilike$',
    '!ilike$',
    'gt',
    'ge',
    'gte',
    'lt',
    'le',
    'lte',
    'null',
    '!null',
    'empty',
    '!empty',
    'token',
    '!token',
    'in',
    '!in',
])

export function parseFilter(text: string): Filter {
    const first = text.indexOf(':')
    if (first < 0) throw new FilterError(`Invalid filter: \`${text}\``)
    const second = text.indexOf(':', first + 1)
    const property = text.slice(0, first)
    const operator = second < 0 ? text.slice(first + 1) : text.slice(first + 1, second)
    const value = second < 0 ? '' : text.slice(second + 1)
    if (!OPERATORS.has(operator))
        throw new FilterError(`Query failed because of a syntax error (${operator})`)
    return { path: property.split('.'), operator, value }
}

/** Every value reached by a dotted path, through lists and `{ id }` references. */
export function valuesAt(object: unknown, path: string[], store: SimMetadataStore): unknown[] {
    let current: unknown[] = [object]
    for (let i = 0; i < path.length; i++) {
        const segment = path[i] as string
        const next: unknown[] = []
        for (const item of current) {
            if (!item || typeof item !== 'object') continue
            let record = item as Record<string, unknown>
            if (!(segment in record) && typeof record.id === 'string' && segment !== 'id') {
                record = store.lookup(record.id)?.object ?? record
            }
            let value = record[segment]
            if (value === undefined && segment === 'displayName') value = record.name
            if (value === undefined && segment === 'displayShortName') value = record.shortName
            if (Array.isArray(value)) {
                if (i === path.length - 1) next.push(value)
                else next.push(...value)
            } else next.push(value)
        }
        current = next
    }
    return current
}

function asText(value: unknown): string | null {
    if (value === null || value === undefined) return null
    if (typeof value === 'object') return null
    return String(value)
}

function compare(a: unknown, b: string): number | null {
    const text = asText(a)
    if (text === null) return null
    const na = Number(text)
    const nb = Number(b)
    if (text.trim() !== '' && b.trim() !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb
    return text < b ? -1 : text > b ? 1 : 0
}

function parseList(value: string): string[] {
    const inner = value.replace(/^\[/, '').replace(/\]$/, '')
    return inner === '' ? [] : inner.split(',')
}

function matchValue(value: unknown, operator: string, target: string): boolean {
    const text = asText(value)
    const negated = operator.startsWith('!')
    const op = negated ? operator.slice(1) : operator
    let result: boolean
    switch (op) {
        case 'eq':
            result = text === target
            break
        case 'ne':
        case 'neq':
            return text !== target
        case 'ieq':
            result = text !== null && text.toLowerCase() === target.toLowerCase()
            break
        case 'like':
            result = text !== null && text.includes(target)
            break
        case 'ilike':
            result = text !== null && text.toLowerCase().includes(target.toLowerCase())
            break
        case '$like':
            result = text !== null && text.startsWith(target)
            break
        case '$ilike':
            result = text !== null && text.toLowerCase().startsWith(target.toLowerCase())
            break
        case 'like$':
            result = text !== null && text.endsWith(target)
            break
        case 'ilike$':
            result = text !== null && text.toLowerCase().endsWith(target.toLowerCase())
            break
        case 'gt':
            result = compare(value, target) !== null && (compare(value, target) as number) > 0
            break
        case 'ge':
        case 'gte':
            result = compare(value, target) !== null && (compare(value, target) as number) >= 0
            break
        case 'lt':
            result = compare(value, target) !== null && (compare(value, target) as number) < 0
            break
        case 'le':
        case 'lte':
            result = compare(value, target) !== null && (compare(value, target) as number) <= 0
            break
        case 'null':
            result = value === null || value === undefined
            break
        case 'empty':
            result = Array.isArray(value)
                ? value.length === 0
                : value === null || value === undefined || value === ''
            break
        case 'token': {
            const haystack = (text ?? '').toLowerCase()
            result = target
                .toLowerCase()
                .split(/\s+/)
                .filter((token) => token !== '')
                .every((token) => haystack.includes(token))
            break
        }
        case 'in':
            result = text !== null && parseList(target).includes(text)
            break
        default:
            result = false
    }
    return negated ? !result : result
}

export function matchesFilter(
    object: Record<string, unknown>,
    filter: Filter,
    store: SimMetadataStore
): boolean {
    if (filter.path.length === 1 && filter.path[0] === 'identifiable' && filter.operator.endsWith('token')) {
        const text = [object.id, object.code, object.name, object.shortName]
            .filter((v) => v !== undefined)
            .join(' ')
        return matchValue(text, filter.operator, filter.value)
    }
    const values = valuesAt(object, filter.path, store)
    const op = filter.operator
    if (op === 'null' || op === 'empty')
        return values.length === 0 || values.some((v) => matchValue(v, op, ''))
    if (op === '!null' || op === '!empty') return values.some((v) => matchValue(v, op, ''))
    if (op.startsWith('!') || op === 'ne' || op === 'neq') {
        return values.length === 0 || values.every((v) => matchValue(v, op, filter.value))
    }
    // Through collections DHIS2 joins: one matching member is enough.
    return values.some((v) => matchValue(Array.isArray(v) ? null : v, op, filter.value))
}

export interface OrderSpec {
    property: string
    direction: 'asc' | 'desc'
    ignoreCase: boolean
}

export function parseOrder(values: string[]): OrderSpec[] {
    const specs: OrderSpec[] = []
    for (const value of values) {
        for (const part of value.split(',')) {
            const [property, direction = 'asc'] = part.trim().split(':')
            if (!property) continue
            const lower = direction.toLowerCase()
            specs.push({
                property,
                direction: lower.endsWith('desc') ? 'desc' : 'asc',
                ignoreCase: lower.startsWith('i'),
            })
        }
    }
    return specs
}

export function sortObjects<T extends Record<string, unknown>>(
    objects: readonly T[],
    orders: OrderSpec[],
    store: SimMetadataStore
): T[] {
    const keyOf = (object: Record<string, unknown>, property: string): unknown => {
        if (property === 'displayName') return object.name ?? object.displayName
        if (property === 'displayShortName') return object.shortName
        return valuesAt(object, property.split('.'), store)[0]
    }
    return [...objects].sort((a, b) => {
        for (const order of orders) {
            let va = keyOf(a, order.property)
            let vb = keyOf(b, order.property)
            if (order.ignoreCase) {
                va = typeof va === 'string' ? va.toLowerCase() : va
                vb = typeof vb === 'string' ? vb.toLowerCase() : vb
            }
            let result: number
            if (va === vb) result = 0
            else if (va === undefined || va === null) result = 1
            else if (vb === undefined || vb === null) result = -1
            else if (typeof va === 'number' && typeof vb === 'number') result = va - vb
            else result = String(va) < String(vb) ? -1 : 1
            if (result !== 0) return order.direction === 'asc' ? result : -result
        }
        return 0
    })
}
