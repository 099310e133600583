// `bridge facilities match`: argument parsing only; the work is in bridge/src/facilities/.
import { Command } from 'commander'
import { runFacilitiesMatch } from '../../facilities/handler.js'
import { connectFromConfig } from '../../metadata-install/connect.js'

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
    const facilities = new Command('facilities').description('Structures de santé / health facilities')
    facilities
        .command('match')
        .description(
            'Propose pour chaque structure du registre l’unité d’organisation DHIS2 correspondante, dans son district / proposes the DHIS2 org unit of each registry facility, within its district'
        )
        .argument('<registry>', 'registre CSV (nom, commune, district…) / registry CSV')
        .option(
            '--out <file>',
            'correspondances à relire / mapping to review',
            'mappings/facilities/registre.json'
        )
        .option(
            '--review <file>',
            'rapport détaillé (scores, alternatives) / detailed report',
            'facilities-review.json'
        )
        .option(
            '--create <file>',
            'métadonnées pour créer les structures introuvables / metadata creating the unmatched',
            'facilities-to-create.json'
        )
        .option(
            '--accept <score>',
            'score à partir duquel une correspondance est proposée / score to propose',
            '0.85'
        )
        .option('--review-score <score>', 'score minimal à relire / lowest score to review', '0.6')
        .option(
            '--opening-date <date>',
            'date d’ouverture des structures créées / opening date of created units',
            '2000-01-01'
        )
        .option('--config <file>', 'fichier de connexion DHIS2 / DHIS2 connection file')
        .option('--lang <fr|en>', 'langue / language', 'fr')
        .option('--json', 'sortie JSON / JSON output')
        .action(async (registry: string, flags: MatchFlags) => {
            const api = await connectFromConfig(flags.config)
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
            const s = result.summary
            const en = flags.lang === 'en'
            console.log(
                en
                    ? `${s.total} facilities: ${s.proposed} proposed, ${s.toReview} to review, ${s.unmatched} unmatched (${s.unknownDistrict} with an unknown district).`
                    : `${s.total} structures : ${s.proposed} proposées, ${s.toReview} à relire, ${s.unmatched} sans correspondance (dont ${s.unknownDistrict} au district inconnu).`
            )
            console.log(
                en
                    ? `Mapping to review: ${flags.out} · report: ${flags.review} · creation metadata (${result.creation.organisationUnits.length} units): ${flags.create}`
                    : `Correspondances à relire : ${flags.out} · rapport : ${flags.review} · métadonnées de création (${result.creation.organisationUnits.length} unités) : ${flags.create}`
            )
        })
    return facilities
}
