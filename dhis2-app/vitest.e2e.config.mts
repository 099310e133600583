import { defineConfig } from 'vitest/config'

// Browser tests: headless Debian Chromium (playwright-core) against the real simulator serving the built zip.
// One file per user story; files run one after the other (each starts a simulator and a browser).
export default defineConfig({
    test: {
        name: 'dhis2-app-e2e',
        root: import.meta.dirname,
        environment: 'node',
        include: ['e2e/**/*.e2e.ts'],
        fileParallelism: false,
        testTimeout: 300_000,
        hookTimeout: 300_000,
    },
})
