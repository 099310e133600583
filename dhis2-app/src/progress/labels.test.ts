import { describe, expect, it } from 'vitest'
import { useLanguage } from '../../test/i18n'
import { nationalLabel, nationalSurveyLabel } from './labels'

describe('national survey labels', () => {
    it('name the country and the survey, with the year only when the source does not give it', () => {
        expect(nationalSurveyLabel('Mali', 'EDSM VI 2018', 2018)).toBe('Mali (national) · EDSM VI 2018')
        expect(nationalSurveyLabel('Mali', 'EMOP', 2021)).toBe('Mali (national) · EMOP (2021)')
        expect(nationalSurveyLabel('Mali', null, 2024)).toBe("Mali (national) · aucune valeur d'enquête")
        expect(nationalLabel('Mali')).toBe('Mali (national)')
    })

    it('are translated to English', async () => {
        await useLanguage('en')
        expect(nationalSurveyLabel('Mali', 'EDSM VI 2018', 2018)).toBe('Mali (national) · EDSM VI 2018')
        expect(nationalSurveyLabel('Mali', null, 2024)).toBe('Mali (national) · no survey value')
    })

    it('keep apostrophes and slashes as text (React escapes what it renders)', () => {
        expect(nationalSurveyLabel("Côte d'Ivoire", 'EDS/MICS 2021', 2021)).toBe(
            "Côte d'Ivoire (national) · EDS/MICS 2021"
        )
    })
})
