// The progress display on stderr, only when a person is watching (TTY) and not in --json mode: one line
// per phase (lecture, vérification, envoi, enregistrement complet) in the user's language, with the time
// left while sending.
import cliProgress from 'cli-progress'
import type { Lang } from '../core/types.js'
import type { ProgressEvent } from '../pipeline/prepare.js'

const T = {
    fr: {
        read: (i: number, n: number, file: string, rows: number) =>
            `lecture ${i}/${n} : ${file} (${rows} lignes)`,
        metadata: (cache: boolean) =>
            cache
                ? 'vérification : métadonnées DHIS2 du cache'
                : 'vérification : métadonnées lues dans DHIS2',
        check: 'vérification : comparaison avec ce qui a déjà été envoyé',
        push: 'envoi',
        complete: 'enregistrement complet',
        unit: 'lots',
        left: (s: string) => `reste environ ${s}`,
        soon: 'presque fini',
        minutes: (m: number) => `${m} min`,
        seconds: (s: number) => `${s} s`,
    },
    en: {
        read: (i: number, n: number, file: string, rows: number) =>
            `reading ${i}/${n}: ${file} (${rows} rows)`,
        metadata: (cache: boolean) =>
            cache ? 'checking: DHIS2 metadata from the cache' : 'checking: metadata read from DHIS2',
        check: 'checking: comparing with what was already sent',
        push: 'sending',
        complete: 'marking complete',
        unit: 'chunks',
        left: (s: string) => `about ${s} left`,
        soon: 'almost done',
        minutes: (m: number) => `${m} min`,
        seconds: (s: number) => `${s} s`,
    },
} as const

/** "reste environ 3 min": the rate so far applied to what is left, rounded for people. */
export function timeLeft(lang: Lang, elapsedMs: number, done: number, total: number): string {
    const t = T[lang]
    if (done <= 0 || done >= total) return ''
    const seconds = Math.round(((elapsedMs / done) * (total - done)) / 1000)
    if (seconds < 5) return t.soon
    if (seconds < 90) return t.left(t.seconds(Math.ceil(seconds / 5) * 5))
    return t.left(t.minutes(Math.round(seconds / 60)))
}

export function progressReporter(
    enabled: boolean,
    lang: Lang = 'fr',
    fileCount = 0,
    stream: NodeJS.WriteStream = process.stderr
): { onProgress: (e: ProgressEvent) => void; stop: () => void } {
    if (!enabled || !stream.isTTY) return { onProgress: () => undefined, stop: () => undefined }
    const t = T[lang]
    let filesRead = 0
    let bar: { phase: 'push' | 'complete'; bar: cliProgress.SingleBar; started: number } | null = null
    const stopBar = (): void => {
        bar?.bar.stop()
        bar = null
    }
    return {
        onProgress(e) {
            if (e.stage === 'read') {
                filesRead++
                stream.write(t.read(filesRead, Math.max(fileCount, filesRead), e.file, e.rows) + '\n')
            } else if (e.stage === 'metadata') stream.write(t.metadata(e.fromCache) + '\n')
            else if (e.stage === 'check') stream.write(t.check + '\n')
            else {
                if (bar?.phase !== e.stage) {
                    stopBar()
                    const b = new cliProgress.SingleBar(
                        {
                            stream,
                            format: `${t[e.stage]} [{bar}] {value}/{total} ${t.unit} {left}`,
                            hideCursor: false,
                        },
                        cliProgress.Presets.shades_classic
                    )
                    b.start(e.total, 0, { left: '' })
                    bar = { phase: e.stage, bar: b, started: Date.now() }
                }
                bar.bar.setTotal(e.total)
                bar.bar.update(e.done, { left: timeLeft(lang, Date.now() - bar.started, e.done, e.total) })
            }
        },
        stop: stopBar,
    }
}
