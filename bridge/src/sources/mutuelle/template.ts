// French CSV templates for mutuelles, built from the layout files.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { csvText } from '../line-list/template.js'
import { loadMutuelleLayouts } from './kind.js'

const EXAMPLES: Record<string, string[][]> = {
    membership: [['Mutuelle de santé de Kolokani', 'Kolokani', 'mars 2025', '2163', '11248', '1509']],
    claims: [['Mutuelle de santé de Kolokani', 'FS-KLK-001', 'mars 2025', 'Consultation', '57', '73 075']],
}

export async function writeMutuelleTemplates(mappingsRoot: string, outDir: string): Promise<string[]> {
    await mkdir(outDir, { recursive: true })
    const written: string[] = []
    for (const { layout } of await loadMutuelleLayouts(mappingsRoot)) {
        const header = Object.values(layout.file.columns)
            .filter((c): c is { name: string; aliases: string[] } => c !== undefined)
            .map((c) => c.name)
        const path = join(outDir, `modele-mutuelle-${layout.file.name}.csv`)
        await writeFile(path, csvText([header, ...(EXAMPLES[layout.file.layout] ?? [])]), 'utf8')
        written.push(path)
    }
    return written
}
