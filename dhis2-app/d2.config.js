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
}

module.exports = config
