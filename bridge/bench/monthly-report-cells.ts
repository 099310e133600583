// Every cell of the private monthly report (DS_PRIVE_MENSUEL) as the benchmarks write it: 21 data elements,
// 28 values. Shared by the convert and intake benchmarks so both measure the same report.

const AGE = ['< 5 ans', '5 ans et plus']
const SEX = ['M', 'F']

/** Data element code and the disaggregations written for it ('' = no disaggregation). */
export const ELEMENTS: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['CONSULT_CURATIVE', AGE],
    ['PALU_SUSPECTS', AGE],
    ['PALU_TESTES', AGE],
    ['PALU_CONFIRMES', AGE],
    ['CPN1', ['']],
    ['CPN4', ['']],
    ['ACCOUCH_TOTAL', ['']],
    ['ACCOUCH_ASSISTES', ['']],
    ['NAISS_VIVANTES', ['']],
    ['DECES_MATERNELS', ['']],
    ['DECES_NEONATALS', ['']],
    ['DECES_MOINS5', ['']],
    ['PF_NOUVELLES', ['']],
    ['PF_UTILISATRICES', ['']],
    ['VAC_PENTA3', ['']],
    ['VAC_RR1', ['']],
    ['VAC_COMPLET', ['']],
    ['VIH_TESTES', SEX],
    ['VIH_NOUVEAUX', SEX],
    ['SIDA_DECES', ['']],
    ['TB_CAS_NOTIFIES', SEX],
]

export const VALUES_PER_REPORT = ELEMENTS.reduce((n, [, d]) => n + d.length, 0)
