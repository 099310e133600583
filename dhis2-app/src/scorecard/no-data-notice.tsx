import i18n from '@dhis2/d2-i18n'
import React from 'react'
import { Notice } from '../shared/notice'
import { placePhrase } from '../shared/place'
import type { OrgUnitWithFamily } from '../shared/use-org-unit'

/** Analytics answered with no value at all for the org unit: say why that may be. */
export const NoDataNotice = ({ unit, year }: { unit: OrgUnitWithFamily; year: number }) => (
    <div data-test="no-data">
        <Notice title={i18n.t('No data')}>
            {unit.level >= 4
                ? // A facility (a laboratory, say) may simply not report what these are computed from.
                  i18n.t(
                      'No value has been reported {{place}} for these indicators in {{year}}. A facility that does not report the data they are computed from (a laboratory reports only its tests) has none.',
                      { place: placePhrase(unit), year }
                  )
                : i18n.t(
                      'DHIS2 analytics has no value for these indicators {{place}}. The analytics tables may not have been generated since the data were entered.',
                      { place: placePhrase(unit) }
                  )}
        </Notice>
    </div>
)
