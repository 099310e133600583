// DHIS2's `fields` parameter (docs/dhis2-api.md §8.1): bracket-aware parsing, presets, exclusions, transformers
// and nested sub-selections. References without a sub-selection render as `{ id }`.
import { derivedProperties, type SimMetadataStore } from '../core/database.js'
import type { MetadataCollection } from '../core/types.js'

export interface Transformer {
    name: string
    args: string[]
}

export interface FieldNode {
    name: string
    exclude: boolean
    children: FieldNode[] | null
    transformers: Transformer[]
}

/** Splits on commas that are not inside brackets or parentheses. */
function splitTopLevel(text: string): string[] {
    const parts: string[] = []
    let depth = 0
    let current = ''
    for (const char of text) {
        if (char === '[' || char === '(') depth++
        else if (char === ']' || char === ')') depth = Math.max(0, depth - 1)
        if (char === ',' && depth === 0) {
            parts.push(current)
            current = ''
        } else current += char
    }
    parts.push(current)
    return parts.map((part) => part.trim()).filter((part) => part !== '')
}

function readBalanced(text: string, start: number): { content: string; end: number } {
    const open = text[start]
    const close = open === '[' ? ']' : ')'
    let depth = 0
    for (let i = start; i < text.length; i++) {
        const char = text[i]
        if (char === '[' || char === '(') depth++
        else if (char === ']' || char === ')') {
            depth--
            if (depth === 0 && char === close) return { content: text.slice(start + 1, i), end: i + 1 }
        }
    }
    return { content: text.slice(start + 1), end: text.length }
}

function parseField(text: string): FieldNode {
    let index = 0
    let exclude = false
    if (text.startsWith('!') || text.startsWith('-')) {
        exclude = true
        index = 1
    }
    let name = ''
    while (index < text.length && !'[(~|'.includes(text[index] as string)) name += text[index++]
    let children: FieldNode[] | null = null
    const transformers: Transformer[] = []
    while (index < text.length) {
        const char = text[index]
        if (char === '[' || char === '(') {
            const { content, end } = readBalanced(text, index)
            children = parseFields(content)
            index = end
        } else if (char === '~' || char === '|') {
            index++
            let transformer = ''
            while (index < text.length && /[A-Za-z$]/.test(text[index] as string))
                transformer += text[index++]
            let args: string[] = []
            if (text[index] === '(') {
                const { content, end } = readBalanced(text, index)
                args = content.split(';').map((arg) => arg.trim())
                index = end
            }
            transformers.push({ name: transformer, args })
        } else index++
    }
    return { name: name.trim(), exclude, children, transformers }
}

export function parseFields(text: string): FieldNode[] {
    return splitTopLevel(text).map(parseField)
}

/** Several `fields` parameters are merged like one comma-joined list. */
export function parseFieldParams(values: string[], fallback: string): FieldNode[] {
    const joined = values.filter((value) => value.trim() !== '').join(',')
    return parseFields(joined === '' ? fallback : joined)
}

// ---------------------------------------------------------------------------------------------

export interface RenderContext {
    store: SimMetadataStore
    baseUrl: string
}

const IDENTIFIABLE = [
    'id',
    'href',
    'name',
    'displayName',
    'code',
    'created',
    'lastUpdated',
    'createdBy',
    'lastUpdatedBy',
]
const NAMEABLE = [...IDENTIFIABLE, 'shortName', 'displayShortName', 'description', 'displayDescription']

/** Properties computed at render time, as DHIS2's getters do. */
function computed(
    object: Record<string, unknown>,
    collection: MetadataCollection | null,
    name: string,
    ctx: RenderContext
) {
    switch (name) {
        case 'displayName':
            return object.displayName ?? object.name ?? (collection === 'users' ? object.username : undefined)
        case 'displayShortName':
            return object.displayShortName ?? object.shortName
        case 'displayDescription':
            return object.displayDescription ?? object.description
        case 'displayFormName':
            return object.displayFormName ?? object.formName ?? object.name
        case 'href':
            return collection && typeof object.id === 'string'
                ? `${ctx.baseUrl}/api/${collection}/${object.id}`
                : undefined
        case 'translations':
        case 'attributeValues':
            return object[name] ?? (collection ? [] : undefined)
        case 'dimensionItem':
            return collection === 'dataElements' || collection === 'indicators' ? object.id : undefined
        default:
            return object[name]
    }
}

const COMPUTED_IN_ALL = ['displayName', 'displayShortName', 'displayDescription', 'displayFormName', 'href']

/** Collections every identifiable object has, rendered empty when the object holds none. */
const ALWAYS_PRESENT_COLLECTIONS = ['translations', 'attributeValues']

function allPropertyNames(object: Record<string, unknown>, collection: MetadataCollection | null): string[] {
    const names = Object.keys(object)
    if (collection) {
        for (const name of ALWAYS_PRESENT_COLLECTIONS) if (!names.includes(name)) names.push(name)
        for (const name of COMPUTED_IN_ALL) {
            if (!names.includes(name) && computedApplies(object, collection, name)) names.push(name)
        }
    }
    return names
}

function computedApplies(
    object: Record<string, unknown>,
    collection: MetadataCollection,
    name: string
): boolean {
    if (name === 'displayFormName') return collection === 'dataElements'
    if (name === 'displayShortName') return 'shortName' in object
    if (name === 'displayDescription') return 'description' in object
    return true
}

function presetNames(
    preset: string,
    object: Record<string, unknown>,
    collection: MetadataCollection | null
): string[] {
    switch (preset) {
        case '*':
        case ':all':
        case ':persisted':
            return allPropertyNames(object, collection)
        case ':identifiable':
            return IDENTIFIABLE
        case ':nameable':
            return NAMEABLE
        case ':owner': {
            const derived = collection ? derivedProperties(collection) : []
            return Object.keys(object).filter(
                (name) => !derived.includes(name) || name === 'path' || name === 'level'
            )
        }
        case ':simple':
            return Object.keys(object).filter((name) => {
                const value = object[name]
                return value === null || typeof value !== 'object'
            })
        default:
            return []
    }
}

function isPreset(name: string): boolean {
    return name === '*' || name.startsWith(':')
}

interface Resolved {
    object: Record<string, unknown>
    collection: MetadataCollection | null
}

/** A `{ id }` value that names a stored object resolves to it. */
function resolveReference(value: Record<string, unknown>, ctx: RenderContext): Resolved {
    const id = value.id
    if (typeof id === 'string') {
        const found = ctx.store.lookup(id)
        if (found) return { object: found.object, collection: found.collection }
    }
    return { object: value, collection: null }
}

function isReference(value: Record<string, unknown>, ctx: RenderContext): boolean {
    const id = value.id
    if (typeof id !== 'string') return false
    return ctx.store.lookup(id) !== undefined || Object.keys(value).length === 1
}

/** Default rendering of a value with no sub-selection: references shrink to `{ id }`. */
function renderDefault(value: unknown, ctx: RenderContext): unknown {
    if (Array.isArray(value)) return value.map((item) => renderDefault(item, ctx))
    if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>
        if (isReference(record, ctx)) return { id: record.id }
        const out: Record<string, unknown> = {}
        for (const [key, inner] of Object.entries(record)) {
            if (inner !== null && inner !== undefined) out[key] = renderDefault(inner, ctx)
        }
        return out
    }
    return value
}

function renderWithChildren(value: unknown, children: FieldNode[], ctx: RenderContext): unknown {
    if (Array.isArray(value)) return value.map((item) => renderWithChildren(item, children, ctx))
    if (value && typeof value === 'object') {
        const resolved = resolveReference(value as Record<string, unknown>, ctx)
        return renderObject(resolved.object, resolved.collection, children, ctx)
    }
    return value
}

function applyTransformers(
    name: string,
    value: unknown,
    transformers: Transformer[]
): { name: string; value: unknown } {
    let outName = name
    let out = value
    for (const transformer of transformers) {
        switch (transformer.name) {
            case 'rename':
                outName = transformer.args[0] || outName
                break
            case 'size':
                out = Array.isArray(out) ? out.length : typeof out === 'string' ? out.length : out
                break
            case 'isEmpty':
                out = Array.isArray(out) ? out.length === 0 : out === undefined || out === null
                break
            case 'isNotEmpty':
                out = Array.isArray(out) ? out.length > 0 : !(out === undefined || out === null)
                break
            case 'pluck': {
                const field = transformer.args[0] || 'id'
                if (Array.isArray(out)) {
                    out = out.map((item) =>
                        item && typeof item === 'object' ? (item as Record<string, unknown>)[field] : item
                    )
                }
                break
            }
            case 'keyBy': {
                const field = transformer.args[0] || 'id'
                if (Array.isArray(out)) {
                    const map: Record<string, unknown[]> = {}
                    for (const item of out) {
                        if (!item || typeof item !== 'object') continue
                        const key = String((item as Record<string, unknown>)[field])
                        ;(map[key] ??= []).push(item)
                    }
                    out = map
                }
                break
            }
            default:
                break
        }
    }
    return { name: outName, value: out }
}

/** Renders one object with a field selection. */
export function renderObject(
    object: Record<string, unknown>,
    collection: MetadataCollection | null,
    fields: FieldNode[],
    ctx: RenderContext
): Record<string, unknown> {
    const selected = new Map<string, FieldNode | null>()
    for (const field of fields) {
        if (field.exclude || !isPreset(field.name)) continue
        for (const name of presetNames(field.name, object, collection))
            if (!selected.has(name)) selected.set(name, null)
    }
    for (const field of fields) {
        if (field.exclude || isPreset(field.name) || field.name === '') continue
        selected.set(field.name, field)
    }
    for (const field of fields) if (field.exclude) selected.delete(field.name)

    const out: Record<string, unknown> = {}
    for (const [name, field] of selected) {
        // Sub-selection on a preset-expanded object uses the full object of the reference.
        let value = computed(object, collection, name, ctx)
        if (value === undefined || value === null) {
            if (field && field.transformers.some((t) => t.name === 'size')) value = []
            else continue
        }
        let rendered: unknown
        if (field?.children && field.children.length > 0)
            rendered = renderWithChildren(value, field.children, ctx)
        else rendered = renderDefault(value, ctx)
        if (field && field.transformers.length > 0) {
            const transformed = applyTransformers(name, rendered, field.transformers)
            if (transformed.value !== undefined) out[transformed.name] = transformed.value
        } else out[name] = rendered
    }
    return out
}
