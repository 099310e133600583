import i18n from '@dhis2/d2-i18n'
import React from 'react'
import type { UserFacingError } from './errors'
import { Notice } from './notice'

// The app's dead ends turned into sentences (issue 13 §5): each says what happened and what still works.

/** A user whose DHIS2 account has no org unit: nothing to open, and a reason instead of a spinner. */
export const NoOrgUnitNotice = () => (
    <div data-test="no-org-unit">
        <Notice warning title={i18n.t('Your account has no organisation unit')}>
            {i18n.t(
                'The scorecard opens on the organisation unit your DHIS2 account is attached to, and yours has none. Ask your DHIS2 administrator to assign you a region, a district or the country (Users app).'
            )}
        </Notice>
    </div>
)

/** Why the org unit of a link was replaced by the user's own. */
export type FallbackReason = 'unknown' | 'outside'

/**
 * A shared link naming an org unit that does not exist or lies outside the user's area: the user's own is
 * shown instead. data-test `error-notice` like other refusals, so the notice is found where errors are.
 */
export const OrgUnitFallbackNotice = ({ reason, ownName }: { reason: FallbackReason; ownName: string }) => (
    <div
        data-test="error-notice"
        data-kind="org-unit-fallback"
        data-reason={reason}
        style={{ margin: '8px 0' }}
    >
        <Notice
            warning
            title={
                reason === 'unknown'
                    ? i18n.t('The organisation unit of the link does not exist')
                    : i18n.t('The organisation unit of the link is outside your access area')
            }
        >
            {i18n.t('Your own organisation unit, {{name}}, is shown instead.', { name: ownName })}
        </Notice>
    </div>
)

/** A part of the view that could not be loaded while the rest is shown. */
export type MissingPart = 'targets' | 'private-share'

/** Says which part is missing and what is shown instead, rather than one generic error. */
export const PartialFailureNotice = ({ part, error }: { part: MissingPart; error: UserFacingError }) => (
    <div data-test="partial-failure" data-part={part} data-kind={error.kind} style={{ margin: '8px 0' }}>
        <Notice
            warning
            title={
                part === 'targets'
                    ? i18n.t("The planners' targets could not be read")
                    : i18n.t('The private share could not be loaded')
            }
        >
            {part === 'targets'
                ? i18n.t("The plan's national targets are shown instead ({{reason}}).", {
                      reason: error.title,
                  })
                : i18n.t(
                      'The private share and the private reporting completeness are missing; the other figures are complete ({{reason}}).',
                      { reason: error.title }
                  )}
        </Notice>
    </div>
)
