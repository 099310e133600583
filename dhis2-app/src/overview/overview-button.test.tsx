import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { describe, expect, it } from 'vitest'
import { KADIOLO, KOUTIALA, sikassoAnswers } from '../../test/fixtures'
import { render } from '../../test/render'
import { bodyRows, cellOf } from '../../test/table-queries'
import { scorecardActions } from '../scorecard-actions'
import { ScorecardPage } from '../scorecard/scorecard-page'

describe('the overview grid opened from the scorecard toolbar', () => {
    it('shows every district against every routine indicator, from the scorecard request alone', async () => {
        window.history.replaceState(null, '', '/#/?year=2024')
        const answers = sikassoAnswers()
        render(<ScorecardPage actions={scorecardActions} />, answers.data)
        await screen.findByRole('table', { name: 'Indicateurs' })
        await userEvent.click(
            await screen.findByRole('button', { name: "Vue d'ensemble des sous-unités" }, { timeout: 15_000 })
        )
        const dialog = await screen.findByRole('dialog', { name: /^Sikasso, 2024/ })
        const grid = within(dialog).getByRole('table')
        const rows = bodyRows(grid)
        expect(rows.map((r) => r.getAttribute('data-ou'))).toEqual([KADIOLO.id, KOUTIALA.id])
        // the indicator's column, headed by its name and plan code
        const births = (row: HTMLElement) => cellOf(row, /ODD-3\.1\.2 ·/)
        const [kadiolo, koutiala] = rows as [HTMLElement, HTMLElement]
        expect(births(kadiolo)).toHaveTextContent('80,5')
        expect(within(births(kadiolo)).getByText('En bonne voie')).toBeInTheDocument()
        expect(within(births(koutiala)).getByText('En retard')).toBeInTheDocument()
        // survey indicators are national: no column, said once under the grid
        expect(within(grid).queryByText('Taux de mortalité maternelle')).toBeNull()
        expect(screen.getByRole('dialog', { name: /^Sikasso, 2024/ })).toHaveTextContent(
            'Taux de mortalité maternelle'
        )
        await waitFor(() => expect(answers.analyticsCalls).toHaveLength(2))
    })
})
