// axe-core run in the page under test, limited to the app's own markup (the selector), so the DHIS2 header
// bar and the platform's shell are not judged as ours.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)

/** axe-core's violations inside the element matching `selector`, one line per rule with its nodes. */
export async function axeViolations(page: Page, selector: string): Promise<string[]> {
    await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') })
    return page.evaluate(async (include) => {
        const axe = (window as unknown as { axe: { run: (c: unknown) => Promise<unknown> } }).axe
        const result = (await axe.run({ include: [[include]] })) as {
            violations: Array<{ id: string; nodes: Array<{ target: unknown }> }>
        }
        return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`)
    }, selector)
}
