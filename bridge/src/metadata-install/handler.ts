// `bridge metadata install` as a plain async function: the CLI parses arguments and calls this.
import { EXIT, type CommandReport } from '../core/report.js'
import type { Lang } from '../core/types.js'
import type { MetadataApi } from '../dhis2/metadata-api.js'
import { say } from '../i18n/messages.js'
import { installMetadata, readPackage, type InstallResult, type PlanItem } from './install.js'

export interface MetadataInstallInput {
    api: MetadataApi
    packagePath: string
    dryRun?: boolean
    lang?: Lang
}

export interface MetadataInstallOutput extends CommandReport {
    result: InstallResult
    /** The report for people, one line each. */
    lines: string[]
}

function label(item: PlanItem): string {
    return [item.code, item.name ? `« ${item.name} »` : undefined, `(${item.id})`].filter(Boolean).join(' ')
}

export function describeInstall(result: InstallResult, lang: Lang, dryRun: boolean): string[] {
    const lines: string[] = []
    if (result.upToDate) {
        lines.push(say('INSTALL_UP_TO_DATE', lang, { n: result.counts.unchanged }))
    } else {
        lines.push(say('INSTALL_PLAN', lang, result.counts))
        for (const item of result.plan) {
            if (item.action === 'create')
                lines.push(say('INSTALL_CREATE', lang, { collection: item.collection, label: label(item) }))
            if (item.action === 'update') {
                lines.push(
                    say('INSTALL_UPDATE', lang, {
                        collection: item.collection,
                        label: label(item),
                        properties: (item.properties ?? []).join(', '),
                    })
                )
            }
        }
    }
    if (result.validation) lines.push(say('INSTALL_VALIDATED', lang, { status: result.validation.status }))
    if (result.commit)
        lines.push(say('INSTALL_COMMITTED', lang, { status: result.commit.status, ...result.commit.stats }))
    for (const e of result.errors) {
        lines.push(
            say('INSTALL_ERROR', lang, {
                klass: e.klass.split('.').pop() ?? e.klass,
                uid: e.uid ?? '',
                message: e.message,
            })
        )
    }
    if (dryRun && !result.upToDate) lines.push(say('INSTALL_DRY_RUN', lang))
    else if (result.missingOptionCombos.before > 0)
        lines.push(
            say('INSTALL_OPTION_COMBOS_MISSING', lang, {
                before: result.missingOptionCombos.before,
                after: result.missingOptionCombos.after,
            })
        )
    else if (result.ok) lines.push(say('INSTALL_OPTION_COMBOS_OK', lang))
    return lines
}

export async function runMetadataInstall(input: MetadataInstallInput): Promise<MetadataInstallOutput> {
    const pkg = await readPackage(input.packagePath)
    const dryRun = input.dryRun ?? false
    const result = await installMetadata(input.api, pkg, { dryRun })
    return {
        result,
        lines: describeInstall(result, input.lang ?? 'fr', dryRun),
        exitCode: result.ok ? EXIT.success : EXIT.failure,
    }
}
