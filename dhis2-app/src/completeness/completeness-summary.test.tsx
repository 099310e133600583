import { screen } from '@testing-library/react'
import React from 'react'
import { describe, expect, it } from 'vitest'
import { render } from '../../test/render'
import { CompletenessSummary } from './completeness-summary'

describe('the private completeness sentence', () => {
    // French agrees the noun with the number before it: « 0 rapports » and « 1 rapports » were wrong, so the
    // sentence puts the noun after the expected count, which is never below 2 when anything is expected.
    it.each([
        [0, 12, '0 des 12 rapports mensuels attendus pour 2024 (0 %)'],
        [1, 12, '1 des 12 rapports mensuels attendus pour 2024 (8 %)'],
        [18, 24, '18 des 24 rapports mensuels attendus pour 2024 (75 %)'],
    ])('says %i of %i in correct French', (actual, expected, words) => {
        render(
            <CompletenessSummary
                actual={actual}
                expected={expected}
                rate={(actual / expected) * 100}
                place="dans la région de Sikasso"
                year={2024}
            />
        )
        const sentence = screen.getByText(/^Les structures et laboratoires privés dans la région de Sikasso/)
        expect(sentence.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toContain(`ont transmis ${words}.`)
    })
})
