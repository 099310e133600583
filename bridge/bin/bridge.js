#!/usr/bin/env node
// The installed `bridge` command. It runs the bundle dist/bridge.mjs (one ES module, node_modules
// external), which is what docs/benchmarks.md measures, in a Node with `--max-semi-space-size=2`.
//
// The bundle is built here when it is missing or when a file it was built from changed (content hash
// recorded in the bundle; checking takes milliseconds, building about half a second): a fresh clone works
// right after `npm ci`, and edited sources are never run stale. Building on demand rather than from an
// install hook (`prepare`) is what also covers sources edited after the install.
//
// The V8 flag must be given when Node starts (v8.setFlagsFromString is too late for the heap's sizes), so
// this process starts a second Node with it and only relays: stdin, stdout and stderr are shared (pipes,
// files and terminals behave as with one process), signals are passed on, and its exit code or signal
// becomes ours. A 2 MiB young generation keeps the heap small while streaming: the values die young.
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { pathToFileURL } from 'node:url'
import { ensureBuilt } from '../scripts/build.js'

const FLAG = '--max-semi-space-size'

let bundle
try {
    bundle = await ensureBuilt()
} catch (e) {
    process.stderr.write(`bridge: ${e instanceof Error ? e.message : String(e)}\n`)
    process.exit(1)
}

if (process.execArgv.some((a) => a.startsWith(FLAG)) || (process.env.NODE_OPTIONS ?? '').includes(FLAG)) {
    // Already started with a young-generation size (e.g. `node --max-semi-space-size=2 bin/bridge.js`).
    await import(pathToFileURL(bundle).href)
} else {
    const child = spawn(
        process.execPath,
        [...process.execArgv, `${FLAG}=2`, bundle, ...process.argv.slice(2)],
        // The IPC channel only tells the worker when this process is gone (see src/cli/launcher-watch.ts).
        { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: { ...process.env, BRIDGE_LAUNCHER: '1' } }
    )
    // Ctrl-C reaches both processes (same process group); `kill <pid>` reaches only this one.
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP']
    const relay = (signal) => {
        child.kill(signal)
    }
    for (const s of signals) process.on(s, relay)
    child.on('error', (e) => {
        process.stderr.write(`bridge: ${e.message}\n`)
        process.exit(1)
    })
    child.on('exit', (code, signal) => {
        for (const s of signals) process.off(s, relay)
        // Die of the same signal, so that shells and supervisors see what they would have seen.
        if (signal) {
            process.kill(process.pid, signal)
            // Still here: a signal Node ignores (SIGPIPE). Exit as a shell reports a death by signal.
            process.exit(128 + (constants.signals[signal] ?? 0))
        }
        process.exit(code ?? 1)
    })
}
