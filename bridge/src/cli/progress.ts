// A progress bar on stderr, only when a person is watching (TTY) and not in --json mode.
import cliProgress from 'cli-progress'
import type { ProgressEvent } from '../handlers/common.js'

export function progressReporter(enabled: boolean): {
    onProgress: (e: ProgressEvent) => void
    stop: () => void
} {
    if (!enabled || !process.stderr.isTTY) return { onProgress: () => undefined, stop: () => undefined }
    let bar: cliProgress.SingleBar | null = null
    return {
        onProgress(e) {
            if (e.stage === 'read') process.stderr.write(`lu / read ${e.file}: ${e.rows} lignes / rows\n`)
            if (e.stage === 'push') {
                if (!bar) {
                    bar = new cliProgress.SingleBar(
                        {
                            stream: process.stderr,
                            format: 'envoi / push [{bar}] {value}/{total} lots / chunks',
                        },
                        cliProgress.Presets.shades_classic
                    )
                    bar.start(e.total, 0)
                }
                bar.update(e.done)
            }
        },
        stop() {
            bar?.stop()
        },
    }
}
