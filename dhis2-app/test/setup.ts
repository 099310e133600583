import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach, beforeEach } from 'vitest'
import '../src/shared/i18n-text'
import { useLanguage } from './i18n'

// DHIS2 components and ours mark elements with data-test, as the DHIS2 apps' Cypress tests do.
configure({ testIdAttribute: 'data-test' })

// French first: every test starts in French, as a district health officer sees the app.
beforeEach(async () => {
    await useLanguage('fr')
    window.history.replaceState(null, '', '/')
})

afterEach(() => {
    cleanup()
})
