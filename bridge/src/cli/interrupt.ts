// Ctrl-C (SIGINT) or a supervisor's SIGTERM during a push: say what DHIS2 already received, leave the
// audit and the state lock consistent, and exit with the shell's usual code (130 / 143).
import { interruptActivePush } from '../push/active-run.js'
import { helpLang } from './help-lang.js'

export function reportDeliveriesOnSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.on(signal, () => {
            const outcome = interruptActivePush(signal)
            if (outcome) process.stderr.write(`\n${outcome.message[helpLang()]}\n`)
            process.exit(outcome?.exitCode ?? (signal === 'SIGTERM' ? 143 : 130))
        })
    }
}
