// Prints the markdown tables of every bridge message and DHIS2 conflict explanation, for docs/bridge.md.
//   node --import tsx bridge/scripts/error-table.ts fr|en
import type { Localized } from '../src/core/types.js'
import { MESSAGES } from '../src/i18n/messages.js'
import { EXPLAINED_CODES, explainConflict } from '../src/send/explain.js'

const lang = process.argv[2] === 'en' ? 'en' : 'fr'
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\{\{(\w+)\}\}/g, '‹$1›')
console.log(lang === 'fr' ? '| code | message | que faire |' : '| code | message | what to do |')
console.log('| --- | --- | --- |')
for (const [code, e] of Object.entries(MESSAGES as Record<string, { message: Localized; hint?: Localized }>))
    console.log(`| \`${code}\` | ${esc(e.message[lang])} | ${esc(e.hint?.[lang] ?? '')} |`)
console.log()
console.log(
    lang === 'fr'
        ? '| code DHIS2 | explication donnée à la clinique |'
        : '| DHIS2 code | explanation given to the clinic |'
)
console.log('| --- | --- |')
for (const code of EXPLAINED_CODES)
    console.log(`| \`${code}\` | ${esc(explainConflict(code, { orgUnit: '‹structure›' }, '')[lang])} |`)
