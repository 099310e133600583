// Copies the MAP/ODD-3 target catalogue from mappings/ into the app's src/: d2-app-scripts only compiles
// src/, so the app cannot import ../mappings at build time. test/catalogue-copy.test.ts fails when the copy
// is stale; run this (it also runs before every build) to refresh it.
import { copyFileSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const source = join(appDir, '..', 'mappings', 'targets', 'catalogue.json')
const target = join(appDir, 'src', 'targets', 'catalogue.json')

JSON.parse(readFileSync(source, 'utf8'))
copyFileSync(source, target)
console.log(`catalogue copied: ${source} -> ${target}`)
