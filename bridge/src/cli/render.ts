// How a run report reads in a terminal: one line per problem with file and row, then a table.
import Table from 'cli-table3'
import type { Lang, ValidationIssue } from '../core/types.js'
import { say } from '../i18n/messages.js'
import type { RunReport } from '../pipeline/run-report.js'

const T = {
    fr: {
        file: 'Fichier',
        rows: 'Lignes',
        values: 'Valeurs valides',
        errors: 'Erreurs',
        warnings: 'Avertissements',
        total: 'Total',
        row: 'ligne',
        column: 'colonne',
        what: 'À faire',
        planNew: 'nouvelles',
        planChanged: 'modifiées',
        planUnchanged: 'inchangées (non renvoyées)',
        planRemoved: 'absentes du fichier corrigé',
        planDhis2Edits: 'différentes dans DHIS2 (modifiées ou saisies là-bas)',
        notSent: 'non envoyées (envoi arrêté)',
        saved: 'enregistrées dans DHIS2',
        rejected: 'refusées par DHIS2',
        failed: 'non envoyées (échec réseau)',
        retries: 'nouvelles tentatives',
        dryRun: 'simulation (dryRun) : rien n’a été écrit',
        completeCol: 'Rapports marqués complets',
        completed: 'rapport(s) marqué(s) complet(s) dans DHIS2',
        completedPartly: 'dont partiellement acceptés',
        alreadyComplete: 'déjà marqués complets',
        completeRefused: 'marquage refusé',
        completeFailed: 'marquage non envoyé (échec réseau)',
        completeSkipped: 'rapports non marqués complets (--no-complete)',
        more: (n: number) => `… et ${n} autre(s) problème(s) (voir --json)`,
        output: 'Fichier produit',
        exit: ['Succès', 'Échec', 'Succès partiel'],
        metadata: {
            dhis2: 'métadonnées lues dans DHIS2',
            cache: 'métadonnées du cache',
            file: 'métadonnées du fichier',
        },
    },
    en: {
        file: 'File',
        rows: 'Rows',
        values: 'Valid values',
        errors: 'Errors',
        warnings: 'Warnings',
        total: 'Total',
        row: 'row',
        column: 'column',
        what: 'To do',
        planNew: 'new',
        planChanged: 'changed',
        planUnchanged: 'unchanged (not sent again)',
        planRemoved: 'missing from the corrected file',
        planDhis2Edits: 'different in DHIS2 (edited or entered there)',
        notSent: 'not sent (push stopped)',
        saved: 'saved in DHIS2',
        rejected: 'refused by DHIS2',
        failed: 'not sent (network failure)',
        retries: 'retries',
        dryRun: 'dry run: nothing was written',
        completeCol: 'Reports marked complete',
        completed: 'report(s) marked complete in DHIS2',
        completedPartly: 'of which partly accepted',
        alreadyComplete: 'already marked complete',
        completeRefused: 'registration refused',
        completeFailed: 'registration not sent (network failure)',
        completeSkipped: 'reports not marked complete (--no-complete)',
        more: (n: number) => `… and ${n} more problem(s) (see --json)`,
        output: 'Output file',
        exit: ['Success', 'Failure', 'Partial success'],
        metadata: {
            dhis2: 'metadata read from DHIS2',
            cache: 'metadata from cache',
            file: 'metadata from file',
        },
    },
} as const

export function formatIssue(i: ValidationIssue, lang: Lang): string {
    const t = T[lang]
    const where = [
        i.file + (i.sheet ? ` [${i.sheet}]` : ''),
        i.row !== undefined ? `${t.row} ${i.row}` : '',
        i.column ? `${t.column} « ${i.column} »` : '',
    ]
        .filter(Boolean)
        .join(', ')
    const tag = say(i.severity === 'error' ? 'TAG_ERROR' : 'TAG_WARNING', lang)
    let line = `${tag} ${where} : ${i.message[lang]}`
    if (i.hint) line += `\n    → ${i.hint[lang]}`
    return line
}

export function renderReport(report: RunReport, lang: Lang, maxIssues = 200): string {
    const t = T[lang]
    const out: string[] = []
    const sorted = [...report.issues].sort(
        (a, b) =>
            a.file.localeCompare(b.file) ||
            (a.row ?? 0) - (b.row ?? 0) ||
            (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)
    )
    for (const i of sorted.slice(0, maxIssues)) out.push(formatIssue(i, lang))
    const hidden = sorted.length - Math.min(sorted.length, maxIssues) + report.droppedIssues
    if (hidden > 0) out.push(t.more(hidden))
    if (out.length) out.push('')
    const complete = report.complete && !report.complete.skipped ? report.complete : undefined
    const table = new Table({
        head: [t.file, t.rows, t.values, t.errors, t.warnings, ...(complete ? [t.completeCol] : [])],
        style: { head: [], border: [] },
    })
    for (const f of report.files)
        table.push([
            f.file,
            f.rows,
            f.values,
            f.errors,
            f.warnings,
            ...(complete ? [complete.byFile[f.file] ?? 0] : []),
        ])
    table.push([
        t.total,
        report.files.reduce((n, f) => n + f.rows, 0),
        report.values,
        report.errors,
        report.warnings,
        ...(complete ? [complete.registered] : []),
    ])
    out.push(table.toString())
    if (report.plan) {
        const p = report.plan
        const edits = p.dhis2Edits ? ` · ${p.dhis2Edits} ${t.planDhis2Edits}` : ''
        out.push(
            `${p.new} ${t.planNew} · ${p.changed} ${t.planChanged} · ${p.unchanged} ${t.planUnchanged} · ${p.removed} ${t.planRemoved}${edits}`
        )
    }
    if (report.push) {
        const p = report.push
        const notSent = p.notSent ? ` · ${p.notSent} ${t.notSent}` : ''
        out.push(
            `${p.saved} ${t.saved} · ${p.rejected} ${t.rejected} · ${p.failed} ${t.failed} · ${p.retries} ${t.retries}${notSent}`
        )
        if (p.dryRun) out.push(t.dryRun)
    }
    if (report.complete?.skipped) out.push(t.completeSkipped)
    else if (complete) {
        const c = complete
        const partly = c.partly > 0 ? ` (${t.completedPartly}${lang === 'fr' ? ' :' : ':'} ${c.partly})` : ''
        out.push(
            `${c.registered} ${t.completed}${partly} · ${c.alreadyComplete} ${t.alreadyComplete} · ${c.refused} ${t.completeRefused} · ${c.failed} ${t.completeFailed}`
        )
        if (c.dryRun && !report.push) out.push(t.dryRun)
    }
    if (report.output && report.output !== '-') out.push(`${t.output} : ${report.output}`)
    if (report.metadata)
        out.push(
            `(${t.metadata[report.metadata.source]}, DHIS2 ${report.metadata.stamp.serverVersion}, ${report.metadata.stamp.fetchedAt})`
        )
    if (report.note) out.push(report.note[lang])
    out.push(`${t.exit[report.exitCode]} (code ${report.exitCode})`)
    return out.join('\n')
}
