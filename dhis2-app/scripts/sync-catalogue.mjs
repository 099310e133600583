// Copies the MAP/ODD-3 target catalogue from mappings/ into the app's src/: d2-app-scripts only compiles
// src/, so the app cannot import ../mappings at build time. test/catalogue-copy.test.ts fails when the copy
// says anything else than the original; this script runs before every build and before the app's tests.
// The copy is written in the repository's Prettier style so that `prettier --check .` stays clean.
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const source = join(appDir, '..', 'mappings', 'targets', 'catalogue.json')
const target = join(appDir, 'src', 'progress', 'catalogue.json')

const text = readFileSync(source, 'utf8')
JSON.parse(text)
const options = (await prettier.resolveConfig(target)) ?? {}
writeFileSync(target, await prettier.format(text, { ...options, filepath: target }))
console.log(`catalogue copied: ${source} -> ${target}`)
