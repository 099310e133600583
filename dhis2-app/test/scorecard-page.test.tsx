import { FetchError } from '@dhis2/app-runtime'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { describe, expect, it } from 'vitest'
import { ScorecardPage } from '../src/scorecard/scorecard-page'
import { KADIOLO, KOUTIALA, SIKASSO, sikassoAnswers } from './fixtures'
import { useLanguage } from './i18n'
import { render } from './render'

async function openScorecard(answers = sikassoAnswers(), hash = '#/?year=2024') {
    window.history.replaceState(null, '', `/${hash}`)
    const view = render(<ScorecardPage />, answers.data)
    await screen.findByRole('heading', { name: /Sikasso, 2024/ })
    await screen.findByTestId('scorecard-table')
    return { ...view, answers }
}

function rowOf(code: string): HTMLElement {
    const link = screen.getAllByTestId('indicator-link').find((a) => a.getAttribute('data-code') === code)
    const row = link?.closest('tr')
    if (!row) throw new Error(`no row ${code}`)
    return row
}

describe('the scorecard page', () => {
    it('shows each indicator in French with its actual, path, targets and status', async () => {
        await openScorecard()
        const table = screen.getByTestId('scorecard-table')
        expect(within(table).getByRole('columnheader', { name: 'Indicateur' })).toBeInTheDocument()
        expect(within(table).getByRole('columnheader', { name: 'Cible 2030' })).toBeInTheDocument()
        const births = rowOf('ODD-3.1.2')
        expect(
            within(births).getByText("Proportion d'accouchements assistés par du personnel qualifié")
        ).toBeInTheDocument()
        expect(within(births).getByTestId('actual')).toHaveTextContent('74,2')
        // 2024 on the path 73.4 → 85: 75.06, shown with the indicator's one decimal.
        expect(births).toHaveTextContent('75,1')
        expect(within(births).getByTestId('status')).toHaveTextContent('En retard')
    })

    it('shows survey indicators with source and year, and placeholders as "XX" without colour', async () => {
        await openScorecard()
        const mortality = rowOf('ODD-3.1.1')
        // A national survey figure under "Réalisation 2024" of Sikasso: labelled as Mali's, with its survey.
        expect(within(mortality).getByTestId('survey-source')).toHaveTextContent(
            'Mali (national) · EDSM VI 2018 (MAP)'
        )
        expect(within(mortality).getByTestId('actual')).toHaveTextContent('325')
        expect(within(mortality).getByTestId('status')).toHaveAttribute('data-status', 'no-data')
        const malaria = rowOf('ODD-3.3.3')
        expect(within(malaria).getByTestId('placeholder-target')).toHaveTextContent('XX (non fixée)')
        // 2030 left "XX": judged against the 2023 target, which is already due, so never "no target"
        expect(within(malaria).getByTestId('status')).not.toHaveTextContent('Pas de cible')
        expect(within(rowOf('ODD-3.8.1')).getByTestId('status')).toHaveTextContent('Pas de cible')
    })

    it('makes exactly two analytics requests for the view and shows the private share and completeness', async () => {
        const { answers } = await openScorecard()
        await waitFor(() => expect(screen.getByTestId('private-completeness')).toBeInTheDocument())
        expect(answers.analyticsCalls).toHaveLength(2)
        expect(within(rowOf('ODD-3.1.2')).getByTestId('private-share')).toHaveAttribute('data-value', '10')
        expect(within(rowOf('ODD-3.1.2')).getByTestId('private-share').textContent).toMatch(/^10\s%$/)
        expect(screen.getByTestId('private-completeness')).toHaveTextContent(
            '18 rapports mensuels sur 24 attendus'
        )
    })

    it('ranks the children and goes down one level with a link', async () => {
        await openScorecard()
        const drill = await screen.findByTestId('drill-down-table')
        const links = within(drill).getAllByTestId('child-link')
        // Koutiala (60.3) is behind the path, Kadiolo (80.5) on track: the one behind comes first.
        expect(links.map((a) => a.textContent)).toEqual(['Koutiala', 'Kadiolo'])
        await userEvent.click(links[1] as HTMLElement)
        await screen.findByRole('heading', { name: /Kadiolo, 2024/ })
        expect(window.location.hash).toContain(`ou=${KADIOLO.id}`)
    })

    it('keeps the opened indicator in the URL', async () => {
        await openScorecard()
        const link = screen
            .getAllByTestId('indicator-link')
            .find((a) => a.getAttribute('data-code') === 'ODD-3.3.1')
        await userEvent.click(link as HTMLElement)
        await waitFor(() => expect(window.location.hash).toContain('indicator=ODD-3.3.1'))
        await waitFor(() =>
            expect(screen.getByTestId('trajectory-summary').textContent).toMatch(/^En 2024, Incidence du VIH/)
        )
    })

    it("labels a survey indicator's trajectory and drill-down as national, with no value per district", async () => {
        await openScorecard(sikassoAnswers(), '#/?year=2024&indicator=ODD-3.1.1')
        const panel = await screen.findByRole('region', { name: /^Trajectoire/ })
        const summary = within(panel).getByTestId('trajectory-summary')
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
        expect(within(panel).getByTestId('chart-actual-legend')).toHaveTextContent('Mali (national)')
        const drill = screen.getByRole('region', { name: /par unité d'organisation de Sikasso$/ })
        expect(within(drill).queryByTestId('drill-down-table')).not.toBeInTheDocument()
        expect(within(drill).queryByTestId('child-actual')).not.toBeInTheDocument()
        expect(within(drill).getByTestId('drill-down-national')).toHaveTextContent(
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
        expect(within(births).getByTestId('target-origin')).toHaveTextContent('cible régionale de Sikasso')
        expect(births).toHaveTextContent('90')
        // 2023 is still the country's: said under that figure
        expect(within(births).getByTestId('cell-origin')).toHaveTextContent('cible nationale')
        expect(within(births).getByTestId('planner-note')).toHaveTextContent(
            'Planificateurs (cible régionale de Sikasso) — Plan regional 2024'
        )
        expect(within(rowOf('ODD-3.3.3')).getByTestId('target-origin')).toHaveTextContent('cible nationale')
        // The AMU caveat: the routine value counts only the mutuelles
        expect(within(rowOf('MAP-3.8-COUVERTURE-AMU')).getByTestId('catalogue-note')).toHaveTextContent(
            'mutuelles'
        )
        // A survey row is judged in its survey's year, said beside the expected value
        const children = rowOf('ODD-3.2.1')
        expect(within(children).getByTestId('survey-source')).toHaveTextContent('EDSM VI 2018')
        // the count target is national: not shown for Sikasso
        expect(within(rowOf('MAP-3.3-VIH-NOUVEAUX')).queryByTestId('target-origin')).not.toBeInTheDocument()
        expect(within(rowOf('MAP-3.3-VIH-NOUVEAUX')).getAllByTestId('count-target-elsewhere')).toHaveLength(2)
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
        await screen.findByTestId('scorecard-table')
        expect(screen.getByTestId('incomplete-year')).toHaveTextContent('année en cours, incomplète')
        const statuses = screen.getAllByTestId('status')
        expect(statuses.every((s) => s.getAttribute('data-provisional') === 'true')).toBe(true)
        expect(statuses[0]).toHaveTextContent('(provisoire)')
        expect(await screen.findByTestId('trajectory-provisional', {}, { timeout: 5000 })).toHaveTextContent(
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
        expect(await screen.findAllByTestId('child-link', {}, { timeout: 5000 })).toHaveLength(2)
        expect(asked).toEqual([])
        expect(
            screen.getByRole('navigation', { name: "Chemin de l'unité d'organisation" })
        ).toHaveTextContent('Mali')
    })

    it('switches every label to English', async () => {
        await useLanguage('en')
        await openScorecard()
        const table = screen.getByTestId('scorecard-table')
        expect(within(table).getByRole('columnheader', { name: 'Indicator' })).toBeInTheDocument()
        expect(within(rowOf('ODD-3.1.2')).getByTestId('status')).toHaveTextContent('Behind')
        expect(
            within(rowOf('ODD-3.1.2')).getByText('Proportion of births attended by skilled health personnel')
        ).toBeInTheDocument()
        expect(within(rowOf('ODD-3.1.2')).getByTestId('actual')).toHaveTextContent('74.2')
        expect(within(rowOf('ODD-3.1.1')).getByTestId('survey-source')).toHaveTextContent(
            'Mali (national) · EDSM VI 2018 (MAP)'
        )
    })
})
