import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
    test: {
        projects: [
            {
                test: {
                    name: 'dhis2-sim',
                    root: './dhis2-sim',
                    environment: 'node',
                    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
                    testTimeout: 30_000,
                },
            },
            {
                test: {
                    name: 'bridge',
                    root: './bridge',
                    environment: 'node',
                    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
                    exclude: [...configDefaults.exclude, 'test/storage/**'],
                    testTimeout: 60_000,
                },
            },
            {
                // Its own project so that only a run including the storage tests starts PostgreSQL.
                test: {
                    name: 'bridge-storage',
                    root: './bridge',
                    environment: 'node',
                    include: ['test/storage/**/*.test.ts'],
                    globalSetup: ['./test/helpers/postgres-global-setup.ts'],
                    testTimeout: 60_000,
                },
            },
            {
                test: {
                    name: 'mappings',
                    root: './mappings',
                    environment: 'node',
                    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
                },
            },
            {
                // Checks of the repository as a whole (scripts/test/).
                test: {
                    name: 'repository',
                    root: '.',
                    environment: 'node',
                    include: ['scripts/test/**/*.test.ts'],
                },
            },
            {
                test: {
                    name: 'dhis2-app',
                    root: './dhis2-app',
                    environment: 'happy-dom',
                    globals: true,
                    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
                    setupFiles: ['./test/setup.ts'],
                },
            },
        ],
    },
})
