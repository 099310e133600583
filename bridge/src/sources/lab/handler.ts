// `bridge lab template`: the lab CSV templates, written from the layout files. Lab files themselves
// go through `bridge validate|convert|push --source lab`.
import type { TemplateReport } from '../line-list/template.js'
import { writeLabTemplates } from './template.js'

export async function runLabTemplate(options: {
    mappingsRoot: string
    out: string
}): Promise<TemplateReport> {
    return { files: await writeLabTemplates(options.mappingsRoot, options.out), exitCode: 0 }
}
