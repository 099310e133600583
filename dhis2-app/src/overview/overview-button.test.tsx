import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { describe, expect, it } from 'vitest'
import { KADIOLO, KOUTIALA, sikassoAnswers } from '../../test/fixtures'
import { render } from '../../test/render'
import { scorecardActions } from '../scorecard-actions'
import { ScorecardPage } from '../scorecard/scorecard-page'

describe('the overview grid opened from the scorecard toolbar', () => {
    it('shows every district against every routine indicator, from the scorecard request alone', async () => {
        window.history.replaceState(null, '', '/#/?year=2024')
        const answers = sikassoAnswers()
        render(<ScorecardPage actions={scorecardActions} />, answers.data)
        await screen.findByTestId('scorecard-table')
        await userEvent.click(
            await screen.findByRole('button', { name: "Vue d'ensemble des sous-unités" }, { timeout: 15_000 })
        )
        const grid = await screen.findByTestId('overview-grid')
        const rows = within(grid).getAllByTestId('overview-row')
        expect(rows.map((r) => r.getAttribute('data-ou'))).toEqual([KADIOLO.id, KOUTIALA.id])
        const births = (row: HTMLElement) =>
            within(row)
                .getAllByTestId('overview-cell')
                .find((c) => c.getAttribute('data-code') === 'ODD-3.1.2') as HTMLElement
        const [kadiolo, koutiala] = rows as [HTMLElement, HTMLElement]
        expect(births(kadiolo)).toHaveTextContent('80,5')
        expect(within(births(kadiolo)).getByTestId('status')).toHaveTextContent('En bonne voie')
        expect(within(births(koutiala)).getByTestId('status')).toHaveTextContent('En retard')
        // survey indicators are national: no column, said once under the grid
        expect(within(grid).queryByText('Taux de mortalité maternelle')).toBeNull()
        expect(screen.getByRole('dialog', { name: /^Sikasso, 2024/ })).toHaveTextContent(
            'Taux de mortalité maternelle'
        )
        await waitFor(() => expect(answers.analyticsCalls).toHaveLength(2))
    })
})
