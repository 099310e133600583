// `bridge mutuelle template`: the mutuelle CSV templates, written from the layout files. Mutuelle
// files themselves go through `bridge validate|convert|push --source mutuelle`.
import type { TemplateReport } from '../line-list/template.js'
import { writeMutuelleTemplates } from './template.js'

export async function runMutuelleTemplate(options: {
    mappingsRoot: string
    out: string
}): Promise<TemplateReport> {
    return { files: await writeMutuelleTemplates(options.mappingsRoot, options.out), exitCode: 0 }
}
