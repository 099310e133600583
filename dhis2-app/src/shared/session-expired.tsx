import i18n from '@dhis2/d2-i18n'
import { Button } from '@dhis2/ui'
import React, { useEffect } from 'react'
import type { UserFacingError } from './errors'
import { Notice } from './notice'

/** Long enough to read the sentence, short enough not to leave the user stranded. */
const RELOAD_AFTER_MS = 2500

/**
 * An expired session is not a refusal: the app goes back to DHIS2's login by reloading itself (DHIS2 sends a
 * browser without a session to its login page, and the app shell shows its login form), keeping the URL so
 * the same view opens after signing in.
 */
export const SessionExpired = ({ error }: { error: UserFacingError }) => {
    useEffect(() => {
        const timer = window.setTimeout(() => window.location.reload(), RELOAD_AFTER_MS)
        return () => window.clearTimeout(timer)
    }, [])
    return (
        <main data-test="session-expired" style={{ padding: 16 }}>
            <h1 style={{ fontSize: 18 }}>{i18n.t('MAP/ODD-3 scorecard')}</h1>
            <Notice warning title={error.title}>
                {error.message}
                <div style={{ marginTop: 8 }}>
                    <Button small onClick={() => window.location.reload()}>
                        {i18n.t('Sign in again')}
                    </Button>
                </div>
            </Notice>
        </main>
    )
}
