import { FetchError } from '@dhis2/app-runtime'
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { describe, expect, it } from 'vitest'
import { ScorecardPage } from '../src/scorecard/scorecard-page'
import { KADIOLO, KOUTIALA, SIKASSO, sikassoAnswers } from './fixtures'
import { useLanguage } from './i18n'
import { render } from './render'
import { bodyRows, cellOf, literal } from './table-queries'

async function openScorecard(answers = sikassoAnswers(), hash = '#/?year=2024') {
    window.history.replaceState(null, '', `/${hash}`)
    const view = render(<ScorecardPage />, answers.data)
    await screen.findByRole('heading', { name: /Sikasso, 2024/ })
    await screen.findByRole('table', { name: INDICATORS })
    return { ...view, answers }
}

/** The scorecard table's caption, in French or, after `useLanguage('en')`, in English. */
const INDICATORS = /^(Indicateurs|Indicators)$/

/** A target's origin as the scorecard labels a row: « cible nationale », « cible régionale de … ». */
const ORIGIN = /^cible /

const scorecardTable = () => screen.getByRole('table', { name: INDICATORS })

/** An indicator's row, found by the plan code written under its name. */
function rowOf(code: string): HTMLElement {
    return within(scorecardTable()).getByRole('row', { name: new RegExp(`(^|\\s)${literal(code)} ·`) })
}

/** The children table of the indicator in detail, ranked, for Sikasso. */
const drillDown = (timeout?: number) =>
    screen.findByRole('region', { name: /par unité d'organisation de Sikasso$/ }, { timeout })

describe('the scorecard page', () => {
    it('shows each indicator in French with its actual, path, targets and status', async () => {
        await openScorecard()
        const table = scorecardTable()
        expect(within(table).getByRole('columnheader', { name: 'Indicateur' })).toBeInTheDocument()
        expect(within(table).getByRole('columnheader', { name: 'Cible 2030' })).toBeInTheDocument()
        const births = rowOf('ODD-3.1.2')
        expect(
            within(births).getByText("Proportion d'accouchements assistés par du personnel qualifié")
        ).toBeInTheDocument()
        expect(cellOf(births, 'Réalisation 2024')).toHaveTextContent('74,2')
        // 2024 on the path 73.4 → 85: 75.06, shown with the indicator's one decimal.
        expect(births).toHaveTextContent('75,1')
        expect(cellOf(births, 'Statut')).toHaveTextContent('En retard')
    })

    it('shows survey indicators with source and year, and placeholders as "XX" without colour', async () => {
        await openScorecard()
        const mortality = rowOf('ODD-3.1.1')
        // A national survey figure under "Réalisation 2024" of Sikasso: labelled as Mali's, with its survey.
        const actual = cellOf(mortality, 'Réalisation 2024')
        expect(within(actual).getByText('Mali (national) · EDSM VI 2018 (MAP)')).toBeInTheDocument()
        expect(within(actual).getByText('325')).toBeInTheDocument()
        expect(within(cellOf(mortality, 'Statut')).getByText('Pas de données')).toHaveAttribute(
            'data-status',
            'no-data'
        )
        const malaria = rowOf('ODD-3.3.3')
        expect(within(cellOf(malaria, 'Cible 2030')).getByText('XX (non fixée)')).toBeInTheDocument()
        // 2030 left "XX": judged against the 2023 target, which is already due, so never "no target"
        expect(cellOf(malaria, 'Statut')).not.toHaveTextContent('Pas de cible')
        expect(cellOf(rowOf('ODD-3.8.1'), 'Statut')).toHaveTextContent('Pas de cible')
    })

    it('makes exactly two analytics requests for the view and shows the private share and completeness', async () => {
        const { answers } = await openScorecard()
        await waitFor(() => expect(screen.getByText('Complétude des rapports du privé')).toBeInTheDocument())
        expect(answers.analyticsCalls).toHaveLength(2)
        const share = within(cellOf(rowOf('ODD-3.1.2'), 'Part du privé')).getByText(/^10\s%$/)
        expect(share).toHaveAttribute('data-value', '10')
        expect(share.textContent).toMatch(/^10\s%$/)
        expect(screen.getByText(/rapports mensuels sur/)).toHaveTextContent(
            '18 rapports mensuels sur 24 attendus'
        )
    })

    it('ranks the children and goes down one level with a link', async () => {
        await openScorecard()
        const drill = within(await drillDown()).getByRole('table')
        const links = within(drill).getAllByRole('link')
        // Koutiala (60.3) is behind the path, Kadiolo (80.5) on track: the one behind comes first.
        expect(links.map((a) => a.textContent)).toEqual(['Koutiala', 'Kadiolo'])
        await userEvent.click(links[1] as HTMLElement)
        await screen.findByRole('heading', { name: /Kadiolo, 2024/ })
        expect(window.location.hash).toContain(`ou=${KADIOLO.id}`)
    })

    it('keeps the opened indicator in the URL', async () => {
        await openScorecard()
        await userEvent.click(within(rowOf('ODD-3.3.1')).getByRole('link'))
        await waitFor(() => expect(window.location.hash).toContain('indicator=ODD-3.3.1'))
        await waitFor(() =>
            expect(
                within(screen.getByRole('region', { name: /^Trajectoire/ })).getByText(
                    /^En 2024, Incidence du VIH/
                )
            ).toBeInTheDocument()
        )
    })

    it("labels a survey indicator's trajectory and drill-down as national, with no value per district", async () => {
        await openScorecard(sikassoAnswers(), '#/?year=2024&indicator=ODD-3.1.1')
        const panel = await screen.findByRole('region', { name: /^Trajectoire/ })
        const summary = within(panel).getByText(/^En 2018, /)
        expect(summary).toHaveTextContent(
            /^En 2018, Taux de mortalité maternelle au niveau national \(Mali, enquête EDSM VI 2018 \(MAP\)\)/
        )
        expect(summary).not.toHaveTextContent('Sikasso')
        const table = within(panel).getByRole('table')
        expect(
            within(table).getByRole('columnheader', { name: 'Réalisation, Mali (national)' })
        ).toBeInTheDocument()
        expect(within(table).getByRole('columnheader', { name: 'Enquête' })).toBeInTheDocument()
        expect(within(table).getByText('EDSM VI 2018 (MAP)')).toBeInTheDocument()
        const chart = within(panel).getByRole('img', { name: 'Graphique de trajectoire' })
        expect(within(chart).getByText('Mali (national)')).toBeInTheDocument()
        const drill = screen.getByRole('region', { name: /par unité d'organisation de Sikasso$/ })
        expect(within(drill).queryByRole('table')).not.toBeInTheDocument()
        expect(within(drill).queryByRole('cell')).not.toBeInTheDocument()
        expect(within(drill).getByText(/^Les valeurs d'enquête sont nationales/)).toHaveTextContent(
            "Les valeurs d'enquête sont nationales (Mali) ; il n'y a pas de valeur par unité d'organisation."
        )
    })

    it('says clearly when DHIS2 refuses the organisation unit', async () => {
        const answers = sikassoAnswers({
            analytics: async () => {
                throw new FetchError({
                    type: 'access',
                    message: 'User is not allowed to view org unit',
                    details: { httpStatusCode: 409, errorCode: 'E7120' },
                })
            },
        })
        window.history.replaceState(null, '', '/#/?year=2024')
        render(<ScorecardPage />, answers.data)
        expect(await screen.findByText("Pas d'accès à cette unité d'organisation")).toBeInTheDocument()
    })

    it('says that the analytics tables are not generated yet when DHIS2 answers E7144', async () => {
        // The answer of DHIS2 2.41 before the first analytics run (docs/dhis2-api.md §7.7), as app-runtime
        // hands it over: a 409 is an "access" FetchError whose details are the WebMessage.
        const body = {
            httpStatus: 'Conflict',
            httpStatusCode: 409,
            status: 'ERROR',
            message:
                'Query failed because a referenced table does not exist. Please ensure analytics job was run (SqlState: 42P01)',
            devMessage: 'SqlState: 42P01',
            errorCode: 'E7144',
        }
        const answers = sikassoAnswers({
            analytics: async () => {
                throw new FetchError({ type: 'access', message: body.message, details: body })
            },
        })
        window.history.replaceState(null, '', '/#/?year=2024')
        render(<ScorecardPage />, answers.data)
        // A notice is a plain box with no role or name (@dhis2/ui's NoticeBox); the hook carries the error kind.
        const notice = await screen.findByTestId('error-notice')
        expect(notice).toHaveAttribute('data-kind', 'analytics-not-run')
        expect(notice).toHaveTextContent("Les tables d'analyse de DHIS2 n'ont pas encore été générées")
        expect(notice).toHaveTextContent(
            "Les chiffres apparaîtront lorsqu'un administrateur DHIS2 aura lancé la mise à jour des tables d'analyse"
        )
        // Not DHIS2's English SQL text, nor the generic refusal.
        expect(notice).not.toHaveTextContent('SqlState')
        expect(screen.queryByText('DHIS2 a refusé la requête')).not.toBeInTheDocument()
    })

    it('says clearly when DHIS2 refuses access, and when there is no data', async () => {
        const refused = sikassoAnswers({
            analytics: async () => {
                throw new FetchError({
                    type: 'access',
                    message: 'Forbidden',
                    details: { httpStatusCode: 403 },
                })
            },
        })
        window.history.replaceState(null, '', '/#/?year=2024')
        const first = render(<ScorecardPage />, refused.data)
        expect(await screen.findByText('Accès refusé par DHIS2')).toBeInTheDocument()
        first.unmount()

        const empty = sikassoAnswers({
            analytics: async () => ({ headers: [{ name: 'dx' }, { name: 'value' }], rows: [] }),
        })
        render(<ScorecardPage />, empty.data)
        // No role for a notice, and its title « Pas de données » is also every row's status: found by its hook.
        expect(await screen.findByTestId('no-data')).toHaveTextContent('Pas de données')
    })

    it("shows where each target comes from, Sikasso's own record field by field, and the caveats", async () => {
        const answers = sikassoAnswers()
        answers.data['dataStore/odd3-scorecard/targets'] = {
            version: 2,
            records: [
                {
                    code: 'ODD-3.1.2',
                    orgUnit: 'OuRegSik001',
                    targets: { '2030': 90 },
                    notes: { fr: 'Plan regional 2024', en: 'Regional plan 2024' },
                    revision: 1,
                },
            ],
        }
        await openScorecard(answers)
        const births = rowOf('ODD-3.1.2')
        const name = cellOf(births, 'Indicateur')
        expect(within(name).getByText('cible régionale de Sikasso')).toBeInTheDocument()
        expect(births).toHaveTextContent('90')
        // 2023 is still the country's: said under that figure
        expect(within(cellOf(births, 'Cible 2023')).getByText('cible nationale')).toBeInTheDocument()
        expect(within(births).getByText(/^Planificateurs/)).toHaveTextContent(
            'Planificateurs (cible régionale de Sikasso) — Plan regional 2024'
        )
        expect(
            within(cellOf(rowOf('ODD-3.3.3'), 'Indicateur')).getByText('cible nationale')
        ).toBeInTheDocument()
        // The AMU caveat: the routine value counts only the mutuelles
        expect(within(rowOf('MAP-3.8-COUVERTURE-AMU')).getByText(/mutuelles/)).toHaveTextContent('mutuelles')
        // A survey row is judged in its survey's year, said beside the expected value
        const children = rowOf('ODD-3.2.1')
        expect(within(cellOf(children, 'Réalisation 2024')).getByText(/EDSM VI 2018/)).toHaveTextContent(
            'EDSM VI 2018'
        )
        // the count target is national: not shown for Sikasso
        const count = rowOf('MAP-3.3-VIH-NOUVEAUX')
        expect(within(cellOf(count, 'Indicateur')).queryByText(ORIGIN)).not.toBeInTheDocument()
        expect(
            within(count).getAllByTitle("Cible d'effectif fixée pour un autre niveau, non comparée ici")
        ).toHaveLength(2)
    })

    it('shows the title, the selection and a skeleton of the table before the figures arrive', async () => {
        const answers = sikassoAnswers({ analytics: () => new Promise(() => undefined) })
        window.history.replaceState(null, '', '/#/?year=2024')
        render(<ScorecardPage />, answers.data)
        await screen.findByRole('heading', { level: 1, name: /Sikasso, 2024/ })
        expect(screen.getByText('Chargement du tableau de bord…')).toBeInTheDocument()
        expect(screen.getByRole('combobox', { name: 'Année' })).toHaveValue('2024')
        expect(screen.getByRole('button', { name: "Choisir une unité d'organisation" })).toBeInTheDocument()
        // the trajectory and drill-down are not requested before the table is there
        expect(screen.queryByRole('region', { name: /^Trajectoire/ })).not.toBeInTheDocument()
    })

    it('marks the running year incomplete, with provisional statuses', async () => {
        const year = new Date().getFullYear()
        window.history.replaceState(null, '', `/#/?year=${year}`)
        render(<ScorecardPage />, sikassoAnswers().data)
        const table = await screen.findByRole('table', { name: INDICATORS })
        // said beside the page's title
        const title = screen.getByRole('heading', { level: 1, name: new RegExp(`Sikasso, ${year}`) })
        expect(within(title.parentElement as HTMLElement).getByText(/^année en cours/)).toHaveTextContent(
            'année en cours, incomplète'
        )
        const statuses = bodyRows(table).map((row) =>
            within(cellOf(row, 'Statut')).getByText(/\(provisoire\)$/)
        )
        expect(statuses.every((s) => s.getAttribute('data-provisional') === 'true')).toBe(true)
        expect(statuses[0]).toHaveTextContent('(provisoire)')
        const trajectory = await screen.findByRole('region', { name: /^Trajectoire/ }, { timeout: 5000 })
        expect(within(trajectory).getByText(/^année en cours/)).toHaveTextContent(
            'année en cours, incomplète'
        )
    })

    it("opens the user's own org unit from the answer of /api/me, without a second request first", async () => {
        const answers = sikassoAnswers()
        const asked: unknown[] = []
        answers.data.me = {
            id: 'UsDrsSik001',
            displayName: 'Awa Coulibaly',
            organisationUnits: [
                {
                    ...SIKASSO,
                    ancestors: [{ id: 'OuMali00001', displayName: 'Mali', level: 1 }],
                    children: [KADIOLO, KOUTIALA],
                },
            ],
        }
        answers.data.organisationUnits = async (_type: string, query: { id?: string }) => {
            asked.push(query.id)
            throw new Error('not expected')
        }
        await openScorecard(answers)
        expect(await within(await drillDown(5000)).findAllByRole('link')).toHaveLength(2)
        expect(asked).toEqual([])
        expect(
            screen.getByRole('navigation', { name: "Chemin de l'unité d'organisation" })
        ).toHaveTextContent('Mali')
    })

    it('falls back again, with its notice, when the same unknown org unit link is followed twice', async () => {
        const link = '#/?year=2024&ou=XxUnknown01'
        window.history.replaceState(null, '', `/${link}`)
        render(<ScorecardPage />, sikassoAnswers().data)
        await screen.findByRole('heading', { name: /Sikasso, 2024/ })
        expect(screen.getByText("L'unité d'organisation du lien n'existe pas")).toBeInTheDocument()
        await waitFor(() => expect(window.location.hash).not.toContain('XxUnknown01'))
        // the officer opens the same link again (from a message, say)
        act(() => {
            window.history.pushState(null, '', `/${link}`)
            window.dispatchEvent(new HashChangeEvent('hashchange'))
        })
        await waitFor(() => expect(window.location.hash).not.toContain('XxUnknown01'))
        expect(screen.getByText("L'unité d'organisation du lien n'existe pas")).toBeInTheDocument()
        expect(screen.getByRole('heading', { name: /Sikasso, 2024/ })).toBeInTheDocument()
    })

    it('switches every label to English', async () => {
        await useLanguage('en')
        await openScorecard()
        const table = screen.getByRole('table', { name: 'Indicators' })
        expect(within(table).getByRole('columnheader', { name: 'Indicator' })).toBeInTheDocument()
        expect(cellOf(rowOf('ODD-3.1.2'), 'Status')).toHaveTextContent('Behind')
        expect(
            within(rowOf('ODD-3.1.2')).getByText('Proportion of births attended by skilled health personnel')
        ).toBeInTheDocument()
        expect(cellOf(rowOf('ODD-3.1.2'), 'Actual 2024')).toHaveTextContent('74.2')
        const actual = cellOf(rowOf('ODD-3.1.1'), 'Actual 2024')
        expect(within(actual).getByText('Mali (national) · EDSM VI 2018 (MAP)')).toBeInTheDocument()
    })
})
