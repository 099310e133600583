// The `bridge` executable: a thin shell over the library (src/handlers).
import { Command } from 'commander'
import { allCommands } from './commands/index.js'
import { stopWhenLauncherDies } from './launcher-watch.js'
import { h } from './help-lang.js'
import { reportDeliveriesOnSignals } from './interrupt.js'

export function buildProgram(): Command {
    const program = new Command('bridge')
        .description(
            h({
                fr: 'Pont des structures privées du Mali vers DHIS2',
                en: 'Bridge from Mali’s private health sector to DHIS2',
            })
        )
        .version('0.1.0')
    for (const c of allCommands()) program.addCommand(c)
    return program
}

// `npm run bridge -- …` runs in the workspace folder: paths are meant from where the person typed it.
if (process.env.npm_lifecycle_event && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD)

stopWhenLauncherDies()
reportDeliveriesOnSignals()
await buildProgram().parseAsync(process.argv)
