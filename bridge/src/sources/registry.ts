// The source kinds the bridge knows. Each kind registers itself here once (clinic reports
// below; labs and mutuelles from issue 3 add their own line).
import type { SourceKind } from './types.js'

const kinds = new Map<string, SourceKind<unknown>>()

export function registerSourceKind<L>(kind: SourceKind<L>): void {
    // Layout types differ per kind; the registry only hands a kind its own layouts back.
    kinds.set(kind.id, kind as SourceKind<unknown>)
}

export function getSourceKind(id: string): SourceKind<unknown> | undefined {
    return kinds.get(id)
}

export function sourceKinds(): SourceKind<unknown>[] {
    return [...kinds.values()]
}
