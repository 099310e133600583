// `bridge facilities match`: argument parsing only; the work is in bridge/src/facilities/.
import { Command } from 'commander'
import { runFacilitiesMatch } from '../../facilities/handler.js'
import { connectMetadataApi } from '../../dhis2/connect.js'
import { loadConfigAndWarn } from '../shared-options.js'
import { h } from '../help-lang.js'

interface MatchFlags {
    out: string
    review: string
    create: string
    accept?: string
    reviewScore?: string
    openingDate?: string
    config?: string
    json?: boolean
    lang?: string
}

export function facilitiesCommand(): Command {
    const facilities = new Command('facilities').description(
        h({ fr: 'Structures de santé', en: 'Health facilities' })
    )
    facilities
        .command('match')
        .description(
            h({
                fr: 'Propose pour chaque structure du registre l’unité d’organisation DHIS2 correspondante, dans son district',
                en: 'Proposes the DHIS2 org unit of each registry facility, within its district',
            })
        )
        .argument('<registry>', h({ fr: 'registre CSV (nom, commune, district…)', en: 'registry CSV' }))
        .option(
            '--out <file>',
            h({ fr: 'correspondances à relire', en: 'mapping to review' }),
            'mappings/facilities/registre.json'
        )
        .option(
            '--review <file>',
            h({ fr: 'rapport détaillé (scores, alternatives)', en: 'detailed report' }),
            'facilities-review.json'
        )
        .option(
            '--create <file>',
            h({
                fr: 'métadonnées pour créer les structures introuvables',
                en: 'metadata creating the unmatched',
            }),
            'facilities-to-create.json'
        )
        .option(
            '--accept <score>',
            h({ fr: 'score à partir duquel une correspondance est proposée', en: 'score to propose' }),
            '0.85'
        )
        .option(
            '--review-score <score>',
            h({ fr: 'score minimal à relire', en: 'lowest score to review' }),
            '0.6'
        )
        .option(
            '--opening-date <date>',
            h({ fr: 'date d’ouverture des structures créées', en: 'opening date of created units' }),
            '2000-01-01'
        )
        .option('--config <file>', h({ fr: 'fichier de connexion DHIS2', en: 'DHIS2 connection file' }))
        .option('--lang <fr|en>', h({ fr: 'langue', en: 'language' }), 'fr')
        .option('--json', h({ fr: 'sortie JSON', en: 'JSON output' }))
        .action(async (registry: string, flags: MatchFlags) => {
            const api = connectMetadataApi(
                await loadConfigAndWarn(flags.config, flags.lang === 'en' ? 'en' : 'fr')
            )
            const result = await runFacilitiesMatch({
                api,
                registryPath: registry,
                mappingOut: flags.out,
                reviewOut: flags.review,
                creationOut: flags.create,
                options: {
                    acceptScore: Number(flags.accept),
                    reviewScore: Number(flags.reviewScore),
                    ...(flags.openingDate !== undefined ? { openingDate: flags.openingDate } : {}),
                },
            })
            if (flags.json === true) {
                console.log(JSON.stringify(result.summary, null, 2))
                return
            }
            const lang = flags.lang === 'en' ? 'en' : 'fr'
            for (const line of result.lines) console.log(line[lang])
            process.exitCode = result.exitCode
        })
    return facilities
}
