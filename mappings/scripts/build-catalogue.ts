// Refreshes the derived fields of mappings/targets/catalogue.json (indicator UIDs, numerator and denominator
// data element codes) from the metadata definitions, so the catalogue cannot drift from the package.
// The figures, names and notes are edited by hand in the JSON. Usage: node --import tsx mappings/scripts/build-catalogue.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { INDICATORS, type ExpressionTerm } from '../metadata/definitions.js'
import { expressionOf } from '../src/package-builder.js'
import { uidFromCode } from '../src/uid.js'

interface Link {
    indicatorCode: string
    indicatorUid: string
    numeratorDataElements: string[]
    denominatorDataElements: string[]
    numerator: string
    denominator: string
}

const scriptPath = resolve(process.argv[1] ?? 'mappings/scripts/build-catalogue.ts')
const target = join(dirname(scriptPath), '..', 'targets', 'catalogue.json')
const before = readFileSync(target, 'utf8')
const catalogue = JSON.parse(before) as { indicators: Array<{ routine?: Link; routineProxy?: Link }> }

const elementCodes = (terms: ExpressionTerm[] | 1): string[] =>
    terms === 1 ? [] : [...new Set(terms.map((t) => t.dataElement))]

function refresh(link: Link | undefined): void {
    if (!link) return
    const indicator = INDICATORS.find((i) => i.code === link.indicatorCode)
    if (!indicator) throw new Error(`Indicateur inconnu / unknown indicator: ${link.indicatorCode}`)
    link.indicatorUid = uidFromCode('indicator', indicator.code)
    link.numeratorDataElements = elementCodes(indicator.numerator)
    link.denominatorDataElements = elementCodes(indicator.denominator)
    link.numerator = expressionOf(indicator.numerator)
    link.denominator = expressionOf(indicator.denominator)
}

for (const entry of catalogue.indicators) {
    refresh(entry.routine)
    refresh(entry.routineProxy)
}
const after = `${JSON.stringify(catalogue, null, 2)}\n`
if (process.argv.includes('--check')) {
    if (after !== before) {
        console.error(
            `${target} est périmé / is stale: run node --import tsx mappings/scripts/build-catalogue.ts`
        )
        process.exit(1)
    }
    console.log(`${target} est à jour / is up to date`)
} else {
    writeFileSync(target, after)
    console.log(`${target} écrit / written`)
}
