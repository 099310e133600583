import { helpLang } from './help-lang.js'

// When bin/bridge.js runs this process as its worker, it keeps an IPC channel open to it. If the launcher dies
// without relaying a signal (SIGKILL from a supervisor, the OOM killer), the channel closes: the worker stops
// instead of going on pushing to DHIS2 on its own.
export function stopWhenLauncherDies(): void {
    if (!process.send || process.env.BRIDGE_LAUNCHER !== '1') return
    // The channel must not keep the process alive once the command is done.
    process.channel?.unref()
    process.on('disconnect', () => {
        process.stderr.write(
            helpLang() === 'en'
                ? 'bridge: the launcher stopped, stopping\n'
                : 'bridge : le lanceur s’est arrêté, arrêt\n'
        )
        process.exit(129)
    })
}
