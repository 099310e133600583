import './shared/i18n-text'
import React from 'react'
import { ScorecardPage } from './scorecard/scorecard-page'
// Generated from i18n/*.po by d2-app-scripts (start, build); registers the translations.
import './locales'

const App = () => <ScorecardPage />

export default App
