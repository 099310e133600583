// An upload is read under the person's own file name, so every message names the file they know
// ("rapport-janvier.xlsx", not a temporary name). The staged copy is a hard link where possible (no
// second copy of a lab's patient rows on disk) and is removed as soon as the pipeline has read it.
import { copyFile, link, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

export interface StagedFile {
    path: string
    /** The name the person gave, made safe for a file system. */
    name: string
    remove(): Promise<void>
}

/** The last path segment, without control characters or separators, at most 120 characters. */
export function safeFileName(originalName: string, fallback = 'rapport.csv'): string {
    const last = basename(originalName.replaceAll('\\', '/'))
    // eslint-disable-next-line no-control-regex
    let name = last.replace(/[\u0000-\u001f\u007f/:*?"<>|]+/g, '_').trim()
    if (name === '' || name === '.' || name === '..') name = fallback
    if (name.length > 120) {
        const dot = name.lastIndexOf('.')
        const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : ''
        name = name.slice(0, 120 - ext.length) + ext
    }
    return name
}

export async function stageUpload(path: string, originalName: string): Promise<StagedFile> {
    const dir = await mkdtemp(join(tmpdir(), 'bridge-intake-'))
    const name = safeFileName(originalName)
    const staged = join(dir, name)
    try {
        await link(path, staged)
    } catch {
        await copyFile(path, staged)
    }
    return { path: staged, name, remove: () => rm(dir, { recursive: true, force: true }) }
}

/** A file the intake writes itself (the online form's rows), removed the same way. */
export async function stageText(name: string, text: string): Promise<StagedFile> {
    const dir = await mkdtemp(join(tmpdir(), 'bridge-intake-'))
    const safe = safeFileName(name)
    const staged = join(dir, safe)
    await writeFile(staged, text, { mode: 0o600 })
    return { path: staged, name: safe, remove: () => rm(dir, { recursive: true, force: true }) }
}
