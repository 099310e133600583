import i18n from '@dhis2/d2-i18n'

/** What the screen reader hears once a scorecard is shown: the org unit, the year and any indicator opened. */
export function scorecardAnnouncement(orgUnit: string, year: number, indicator: string | null): string {
    return indicator
        ? i18n.t('Scorecard of {{orgUnit}}, {{year}}, shown, with {{indicator}} in detail', {
              orgUnit,
              year,
              indicator,
          })
        : i18n.t('Scorecard of {{orgUnit}}, {{year}}, shown', { orgUnit, year })
}
