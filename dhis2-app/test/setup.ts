import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach, beforeEach } from 'vitest'
import { useLanguage } from './i18n'

// French first: every test starts in French, as a district health officer sees the app.
beforeEach(async () => {
    await useLanguage('fr')
    window.history.replaceState(null, '', '/')
})

afterEach(() => {
    cleanup()
})
