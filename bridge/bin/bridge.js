#!/usr/bin/env node
// The installed `bridge` command: runs the TypeScript CLI through tsx (no build step needed).
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
