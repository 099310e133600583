// One lint setup for the whole repository: typescript-eslint's recommended rules,
// plus the few that keep DHIS2 code honest (no `any`, no unused code).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

// The layers of each product (<root>/<folder>), lowest first. A folder may import the folders of the layers
// below its own, never one of its own layer or above: an import that runs back up fails the lint
// (scripts/test/import-boundaries.test.ts shows it for each product). A new folder must be placed here: the
// test fails on a folder no layer lists.
export const BRIDGE_LAYERS = [
    ['core', 'mapping'],
    ['aggregate', 'checks', 'i18n'],
    ['dhis2', 'read'],
    ['facilities', 'metadata-install', 'metadata-snapshot'],
    ['plan'],
    ['send', 'storage'],
    ['complete'],
    ['record', 'sources'],
    ['drift', 'pipeline'],
    ['convert', 'intake', 'push', 'validate'],
    ['cli'],
]

// The app: shared plumbing, then the domain (progress/), then the features side by side. App.tsx and the
// modules beside it in src/ wire features together; no folder imports them.
export const APP_LAYERS = [
    ['shared'],
    ['progress', 'completeness'],
    ['sector-share', 'target-editor', 'targets', 'trajectory', 'ui'],
    ['drill-down'],
    ['brief', 'overview', 'scorecard'],
]

// The simulator: the database and shared types (core/), helpers that need nothing else, the state the server
// holds besides the database (installed apps, users with their sessions and tokens, the journal), the server
// (its context and the node:http pipeline), then the /api parts and the pages outside /api that stand on it.
// index.ts and main.ts, directly in src/, start it; no folder imports them.
export const SIM_LAYERS = [
    ['core'],
    ['demo', 'faults', 'periods', 'tasks'],
    ['apps', 'auth'],
    ['persistence'],
    ['server'],
    ['analytics', 'apps-api', 'auth-api', 'data-values', 'metadata', 'sharing'],
    ['completeness', 'datastore', 'system'],
    ['web'],
]

/** An import of <root>/<folder>/ from another folder, however deep the importing file is. */
const importOf = (folders) => `^(\\.\\./)+(${folders.join('|')})/`

const backUp = (product) =>
    `This import runs back up the ${product} layers (eslint.config.mjs): import only folders of a lower layer.`

/**
 * The rules refusing the imports that match the patterns, static (`import … from`, `export … from`) or dynamic
 * (`import('…')`, as React.lazy loads a feature): no-restricted-imports does not see the dynamic ones.
 */
function refusedImports(patterns) {
    // esquery ends a regular expression at the first '/', escaped or not
    const selectorRegex = (regex) => regex.replaceAll('/', '\\x2F')
    return {
        'no-restricted-imports': ['error', { patterns }],
        'no-restricted-syntax': [
            'error',
            ...patterns.map(({ regex, message }) => ({
                selector: `ImportExpression[source.value=/${selectorRegex(regex)}/]`,
                message,
            })),
        ],
    }
}

/** One rule set per layer: its files may not import its own layer or any above. */
function layerBoundaries({ root, layers, product, extensions, extraPatterns = [] }) {
    return layers.map((layer, i) => ({
        files: layer.map((folder) => `${root}/${folder}/**/*.${extensions}`),
        // a test may set up several features together
        ignores: ['**/*.test.*'],
        rules: refusedImports([
            { regex: importOf(layers.slice(i).flat()), message: backUp(product) },
            ...extraPatterns,
        ]),
    }))
}

const bridgeBoundaries = layerBoundaries({
    root: 'bridge/src',
    layers: BRIDGE_LAYERS,
    product: 'bridge',
    extensions: 'ts',
})

const appBoundaries = layerBoundaries({
    root: 'dhis2-app/src',
    layers: APP_LAYERS,
    product: 'app',
    extensions: '{ts,tsx}',
    // the wiring modules directly in src/ (App.tsx, scorecard-actions.tsx) are above every folder
    extraPatterns: [{ regex: '^\\.\\./[^./][^/]*$', message: backUp('app') }],
})

const simBoundaries = layerBoundaries({
    root: 'dhis2-sim/src',
    layers: SIM_LAYERS,
    product: 'simulator',
    extensions: 'ts',
    // index.ts and main.ts, directly in src/, are above every folder
    extraPatterns: [{ regex: '^\\.\\./[^./][^/]*$', message: backUp('simulator') }],
})

// A source kind never imports another, and the module they share (sources/line-list/) imports none of them.
const KINDS = ['facility-report', 'lab', 'mutuelle']
const sourcesLayerUp = {
    regex: importOf(BRIDGE_LAYERS.slice(BRIDGE_LAYERS.findIndex((l) => l.includes('sources'))).flat()),
    message: backUp('bridge'),
}
const sourceKindBoundaries = [...KINDS, 'line-list'].map((folder) => ({
    files: [`bridge/src/sources/${folder}/**/*.ts`],
    rules: refusedImports([
        sourcesLayerUp,
        {
            regex: `^\\.\\./(${KINDS.filter((k) => k !== folder).join('|')})/`,
            message:
                folder === 'line-list'
                    ? 'sources/line-list/ is what the source kinds share: it imports none of them.'
                    : 'A source kind does not import another kind: share through sources/line-list/.',
        },
    ]),
}))

export default tseslint.config(
    {
        ignores: [
            '**/node_modules/**',
            '**/dist/**',
            'dhis2-app/.d2/**',
            'dhis2-app/build/**',
            'dhis2-app/src/locales/**',
            'bench-output/**',
            '.sim-data/**',
            'tmp/**',
            'test-results/**',
            '.bridge/**',
        ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: {
            globals: {
                console: 'readonly',
                process: 'readonly',
                Buffer: 'readonly',
                URL: 'readonly',
                URLSearchParams: 'readonly',
                setTimeout: 'readonly',
                clearTimeout: 'readonly',
                setInterval: 'readonly',
                clearInterval: 'readonly',
                window: 'readonly',
                document: 'readonly',
                fetch: 'readonly',
                AbortController: 'readonly',
                TextDecoder: 'readonly',
                TextEncoder: 'readonly',
                __dirname: 'readonly',
                module: 'writable',
                require: 'readonly',
            },
        },
        rules: {
            '@typescript-eslint/no-explicit-any': 'error',
            '@typescript-eslint/no-unused-vars': [
                'error',
                { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
            ],
        },
    },
    // React's rules of hooks, and the React Compiler's checks of what a render may do (refs, state).
    {
        files: ['dhis2-app/**/*.{ts,tsx}'],
        ...reactHooks.configs.flat.recommended,
    },
    // the plugin only warns on an incomplete dependency list, and a warning does not fail the lint
    { files: ['dhis2-app/**/*.{ts,tsx}'], rules: { 'react-hooks/exhaustive-deps': 'error' } },
    ...bridgeBoundaries,
    ...sourceKindBoundaries,
    ...appBoundaries,
    ...simBoundaries
)
