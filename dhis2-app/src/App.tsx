import './shared/i18n-text'
import i18n from '@dhis2/d2-i18n'
import { Tab, TabBar } from '@dhis2/ui'
import React, { lazy, Suspense, useState } from 'react'
import { scorecardActions } from './scorecard-actions'
import { ScorecardPage } from './scorecard/scorecard-page'
import { LoadingState } from './shared/loading-state'
// Generated from i18n/*.po by d2-app-scripts (start, build); registers the translations.
import './locales'

// The editor is a separate chunk: the scorecard's first view, on a slow link, does not download it.
const TargetsView = lazy(() => import('./target-editor/targets-view'))

type View = 'scorecard' | 'targets'

const App = () => {
    const [view, setView] = useState<View>('scorecard')
    return (
        <>
            <nav aria-label={i18n.t('Views')}>
                <TabBar dataTest="view-tabs">
                    <Tab
                        selected={view === 'scorecard'}
                        onClick={() => setView('scorecard')}
                        dataTest="tab-scorecard"
                    >
                        {i18n.t('Scorecard')}
                    </Tab>
                    <Tab
                        selected={view === 'targets'}
                        onClick={() => setView('targets')}
                        dataTest="tab-targets"
                    >
                        {i18n.t('Targets')}
                    </Tab>
                </TabBar>
            </nav>
            {view === 'scorecard' ? (
                <ScorecardPage actions={scorecardActions} />
            ) : (
                <Suspense fallback={<LoadingState label={i18n.t('Loading the targets…')} />}>
                    <TargetsView />
                </Suspense>
            )}
        </>
    )
}

export default App
