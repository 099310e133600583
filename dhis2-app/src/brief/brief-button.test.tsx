import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { act } from 'react'
import { describe, expect, it } from 'vitest'
import { sikassoAnswers } from '../../test/fixtures'
import { useLanguage } from '../../test/i18n'
import { render } from '../../test/render'
import { bodyRows, cellOf } from '../../test/table-queries'
import { scorecardActions } from '../scorecard-actions'
import { ScorecardPage } from '../scorecard/scorecard-page'

async function openScorecard(year = 2024) {
    window.history.replaceState(null, '', `/#/?year=${year}`)
    render(<ScorecardPage actions={scorecardActions} />, sikassoAnswers().data)
    await screen.findByRole('table', { name: 'Indicateurs' })
    await screen.findByText('Complétude des rapports du privé')
    // the button comes in its own chunk, loaded after the figures
    return screen.findByRole('button', { name: 'Imprimer / PDF' }, { timeout: 15_000 })
}

describe('the one-page brief', () => {
    it('gives the org unit, the year, statuses as words and the indicator behind with its sentence', async () => {
        await userEvent.click(await openScorecard())
        const sheet = await screen.findByRole('article', { name: 'Sikasso, 2024' })
        expect(within(sheet).getByRole('heading', { level: 2, name: 'Sikasso, 2024' })).toBeInTheDocument()
        const focus = within(sheet).getAllByRole('listitem')
        expect(focus.map((f) => f.getAttribute('data-code'))).toEqual(['ODD-3.1.2'])
        expect(focus[0]).toHaveTextContent('En retard')
        expect(focus[0]).toHaveTextContent(
            /En 2024, Proportion d'accouchements .* dans la région de Sikasso était de 74,2 %, contre 75,1 % attendus/
        )
        const rows = bodyRows(within(sheet).getByRole('table'))
        expect(rows).toHaveLength(16)
        const births = within(sheet).getByRole('row', { name: / · ODD-3\.1\.2 · / })
        expect(cellOf(births, 'Part du privé').textContent).toMatch(/^10\s%$/)
        expect(within(sheet).getByText(/rapports mensuels sur/)).toHaveTextContent(
            '18 rapports mensuels sur 24'
        )
        expect(within(sheet).getByText(/^Source/)).toHaveTextContent('Source')
        expect(within(sheet).getByText(/^Imprimée le \d+ \S+ 20\d\d$/)).toBeInTheDocument()
    })

    it('closes with Escape and gives the focus back to its button', async () => {
        const button = await openScorecard()
        await userEvent.click(button)
        expect(await screen.findByRole('dialog', { name: 'Sikasso, 2024' })).toHaveAttribute('role', 'dialog')
        await userEvent.keyboard('{Escape}')
        expect(screen.queryByRole('dialog')).toBeNull()
        expect(button).toHaveFocus()
    })

    it('is what the browser prints from its own menu, in English for an English UI', async () => {
        await useLanguage('en')
        window.history.replaceState(null, '', '/#/?year=2024')
        render(<ScorecardPage actions={scorecardActions} />, sikassoAnswers().data)
        await screen.findByRole('button', { name: 'Print / PDF' }, { timeout: 15_000 })
        act(() => {
            window.dispatchEvent(new Event('beforeprint'))
        })
        expect(screen.getByRole('article', { name: 'Sikasso, 2024' })).toHaveTextContent(
            'Indicators furthest behind their path'
        )
        act(() => {
            window.dispatchEvent(new Event('afterprint'))
        })
        expect(screen.queryByRole('article')).toBeNull()
    })

    it('flags the running year as incomplete and its statuses as provisional', async () => {
        await userEvent.click(await openScorecard(new Date().getFullYear()))
        const sheet = await screen.findByRole('article', { name: `Sikasso, ${new Date().getFullYear()}` })
        expect(within(sheet).getByText(/^année en cours/)).toHaveTextContent(/provisoires/)
        // every status of the sheet: the indicators furthest behind, then the table's
        const badges = [
            ...within(sheet).queryAllByRole('listitem'),
            ...bodyRows(within(sheet).getByRole('table')).map((row) => cellOf(row, 'Statut')),
        ].map((place) => within(place).getByText(/\(provisoire\)$/))
        for (const badge of badges) {
            expect(badge).toHaveAttribute('data-provisional', 'true')
        }
    })
})
