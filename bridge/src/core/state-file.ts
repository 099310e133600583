// How the bridge names its per-server files in the state folder (`ledger-…jsonl`, `metadata-…json`):
// a readable part of the address and a short hash, so two servers never share a file.
import { createHash } from 'node:crypto'
import { join } from 'node:path'

export function stateFileFor(stateDir: string, prefix: string, address: string, extension: string): string {
    // credentials written inside the address never reach a file name
    const clean = address.replace(/^(https?:\/\/)[^@/]*@/, '$1')
    const readable = clean
        .replace(/^https?:\/\//, '')
        .replace(/[^A-Za-z0-9.-]+/g, '_')
        .slice(0, 60)
    const h = createHash('sha256').update(clean).digest('hex').slice(0, 8)
    return join(stateDir, `${prefix}-${readable}-${h}${extension}`)
}
