/** @type {import('@dhis2/cli-app-scripts').D2Config} */
const config = {
    type: 'app',
    name: 'odd3-scorecard',
    title: 'Tableau de bord ODD 3 — MAP',
    description:
        'Cibles du MAP/ODD 3 face aux réalisations, trajectoire, analyse par structure et part du secteur privé',
    entryPoints: {
        app: './src/App.tsx',
    },
    dataStoreNamespace: 'odd3-scorecard',
    minDHIS2Version: '2.39',
    // No service worker (docs/benchmarks.md, "The app on a poor link"): its precache would download every
    // build file (30 font files among them) on the first visit, over the link the first view needs, and its
    // default route keeps API answers in the browser's Cache Storage; second visits already come from the
    // HTTP cache DHIS2's Last-Modified/ETag give.
    pwa: { enabled: false },
    viteConfigExtensions: {
        // Source maps are two thirds of the zip and no user's browser asks for them; D2_SOURCEMAP=true puts
        // them back for a debugging build.
        build: { sourcemap: process.env.D2_SOURCEMAP === 'true' },
    },
}

module.exports = config
