// French CSV templates (`;`, UTF-8 with BOM, as French Excel opens them) built from the layout files,
// so the template and the reader cannot disagree. No patient column: labs need not send any.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { csvText } from '../line-list/template.js'
import { loadLabLayouts } from './kind.js'

const EXAMPLES: Record<string, string[][]> = {
    'line-list': [
        ['FS-C5-019', '15/03/2025', 'TDR', 'Positif', '3', 'F', ''],
        ['FS-C5-019', '15/03/2025', 'GeneXpert', 'Négatif', '42', 'M', ''],
    ],
    aggregate: [
        ['FS-C5-019', '03/2025', 'TDR', 'Positif', '< 5 ans', '', '12'],
        ['FS-C5-019', '03/2025', 'Test VIH', 'Négatif', '', 'F', '30'],
    ],
}

export async function writeLabTemplates(mappingsRoot: string, outDir: string): Promise<string[]> {
    await mkdir(outDir, { recursive: true })
    const written: string[] = []
    for (const { layout } of await loadLabLayouts(mappingsRoot)) {
        const header = Object.values(layout.file.columns)
            .filter((c): c is { name: string; aliases: string[] } => c !== undefined)
            .map((c) => c.name)
            // The birth date column is accepted (to compute a missing age) but not asked for.
            .filter((name) => name !== 'Date de naissance')
        const rows = (EXAMPLES[layout.file.layout] ?? []).map((r) => r.slice(0, header.length))
        const path = join(outDir, `modele-laboratoire-${layout.file.name}.csv`)
        await writeFile(path, csvText([header, ...rows]), 'utf8')
        written.push(path)
    }
    return written
}
