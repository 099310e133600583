// The DHIS2 objects of the project, written once, compactly, by code. `mappings/scripts/build-package.ts`
// turns them into the DHIS2 metadata import file `package.json`; docs/data-model.md explains them.
// Names are French (the DHIS2 default locale of a Malian instance); English goes into translations.

export type ValueType = 'INTEGER_ZERO_OR_POSITIVE' | 'NUMBER' | 'INTEGER_POSITIVE' | 'PERCENTAGE'
export type AggregationType = 'SUM' | 'LAST' | 'AVERAGE_SUM_ORG_UNIT'
export type DataDimensionType = 'DISAGGREGATION' | 'ATTRIBUTE'
export type PeriodType = 'Monthly' | 'Yearly'

export interface Named {
    code: string
    name: string
    shortName: string
    nameEn: string
    shortNameEn: string
    description?: string
    descriptionEn?: string
}

export type CategoryOptionDef = Named

export interface CategoryDef extends Named {
    dataDimensionType: DataDimensionType
    options: string[]
}

export interface CategoryComboDef extends Named {
    dataDimensionType: DataDimensionType
    categories: string[]
}

export interface DataElementDef extends Named {
    valueType: ValueType
    aggregationType: AggregationType
    categoryCombo: string
}

export interface DataSetDef extends Named {
    periodType: PeriodType
    categoryCombo: string
    elements: string[]
}

export interface IndicatorTypeDef extends Named {
    factor: number
    number: boolean
}

/**
 * One term of an indicator expression: a data element total, or only the option combos that contain all
 * the given category options (e.g. positive results of a lab test, whatever the age group).
 */
export interface ExpressionTerm {
    dataElement: string
    options?: string[]
}

export interface IndicatorDef extends Named {
    indicatorType: string
    numerator: ExpressionTerm[]
    numeratorDescription: string
    /** Terms, or the constant 1 for plain counts. */
    denominator: ExpressionTerm[] | 1
    denominatorDescription: string
    /** True when a flow (monthly counts) is divided by a yearly stock (population): DHIS2 scales by 365/days. */
    annualized: boolean
    decimals: number
}

export type OrgUnitGroupDef = Named

export interface OrgUnitGroupSetDef extends Named {
    compulsory: boolean
    groups: string[]
}

/** Mutuelles known to the package; each is an attribute option of the mutuelle data set. */
export interface MutuelleDef extends Named {
    /** Code of the health district where it operates (fixtures/demo-db/org-units.json). */
    district: string
}

function n(code: string, name: string, shortName: string, nameEn: string, shortNameEn: string): Named {
    return { code, name, shortName, nameEn, shortNameEn }
}

export const MUTUELLES: MutuelleDef[] = [
    {
        ...n(
            'MUT_KOLOKANI',
            'Mutuelle de santé de Kolokani',
            'Mutuelle Kolokani',
            'Kolokani health mutual',
            'Kolokani mutual'
        ),
        district: 'ML-2-KLK',
    },
    {
        ...n('MUT_NARA', 'Mutuelle de santé de Nara', 'Mutuelle Nara', 'Nara health mutual', 'Nara mutual'),
        district: 'ML-2-NAR',
    },
    {
        ...n(
            'MUT_SIMBY',
            'Mutuelle de santé de Simby (Nioro du Sahel)',
            'Mutuelle Simby',
            'Simby health mutual (Nioro du Sahel)',
            'Simby mutual'
        ),
        district: 'ML-1-NIO',
    },
    {
        ...n(
            'MUT_BANDIAGARA',
            'Mutuelle de santé de Bandiagara',
            'Mutuelle Bandiagara',
            'Bandiagara health mutual',
            'Bandiagara mutual'
        ),
        district: 'ML-5-BDG',
    },
    {
        ...n(
            'MUT_COMMUNE5',
            'Mutuelle de santé de la Commune V',
            'Mutuelle Commune V',
            'Commune V health mutual',
            'Commune V mutual'
        ),
        district: 'ML-BKO-C5',
    },
]

export const CATEGORY_OPTIONS: CategoryOptionDef[] = [
    n('AGE_LT5', 'Moins de 5 ans', 'Moins de 5 ans', 'Under 5 years', 'Under 5'),
    n('AGE_5PLUS', '5 ans et plus', '5 ans et plus', '5 years and over', '5 and over'),
    n('SEXE_M', 'Masculin', 'Masculin', 'Male', 'Male'),
    n('SEXE_F', 'Féminin', 'Féminin', 'Female', 'Female'),
    n('RES_POS', 'Positif', 'Positif', 'Positive', 'Positive'),
    n('RES_NEG', 'Négatif', 'Négatif', 'Negative', 'Negative'),
    n('PREST_CONSULT', 'Consultation', 'Consultation', 'Consultation', 'Consultation'),
    n('PREST_HOSPIT', 'Hospitalisation', 'Hospitalisation', 'Hospitalisation', 'Hospitalisation'),
    n('PREST_ACCOUCH', 'Accouchement', 'Accouchement', 'Delivery', 'Delivery'),
    n('PREST_MEDIC', 'Médicaments', 'Médicaments', 'Medicines', 'Medicines'),
    n('PREST_ANALYSE', 'Analyses de laboratoire', 'Analyses', 'Laboratory tests', 'Lab tests'),
    ...MUTUELLES.map(({ district: _district, ...named }) => named),
]

export const CATEGORIES: CategoryDef[] = [
    {
        ...n(
            'CAT_AGE_U5',
            "Groupe d'âge (moins de 5 ans)",
            'Âge <5 / 5+',
            'Age group (under 5)',
            'Age <5 / 5+'
        ),
        dataDimensionType: 'DISAGGREGATION',
        options: ['AGE_LT5', 'AGE_5PLUS'],
    },
    {
        ...n('CAT_SEXE', 'Sexe', 'Sexe', 'Sex', 'Sex'),
        dataDimensionType: 'DISAGGREGATION',
        options: ['SEXE_M', 'SEXE_F'],
    },
    {
        ...n('CAT_RESULTAT', 'Résultat du test', 'Résultat', 'Test result', 'Result'),
        dataDimensionType: 'DISAGGREGATION',
        options: ['RES_POS', 'RES_NEG'],
    },
    {
        ...n('CAT_PRESTATION', 'Type de prestation', 'Prestation', 'Service kind', 'Service'),
        dataDimensionType: 'DISAGGREGATION',
        options: ['PREST_CONSULT', 'PREST_HOSPIT', 'PREST_ACCOUCH', 'PREST_MEDIC', 'PREST_ANALYSE'],
    },
    {
        ...n('CAT_MUTUELLE', 'Mutuelle de santé', 'Mutuelle', 'Health mutual', 'Mutual'),
        dataDimensionType: 'ATTRIBUTE',
        options: MUTUELLES.map((m) => m.code),
    },
]

export const CATEGORY_COMBOS: CategoryComboDef[] = [
    {
        ...n(
            'CC_AGE_U5',
            'Âge (moins de 5 ans, 5 ans et plus)',
            'Âge <5 / 5+',
            'Age (under 5, 5 and over)',
            'Age <5 / 5+'
        ),
        dataDimensionType: 'DISAGGREGATION',
        categories: ['CAT_AGE_U5'],
    },
    {
        ...n('CC_SEXE', 'Sexe', 'Sexe', 'Sex', 'Sex'),
        dataDimensionType: 'DISAGGREGATION',
        categories: ['CAT_SEXE'],
    },
    {
        ...n('CC_RESULTAT_AGE', 'Résultat et âge', 'Résultat et âge', 'Result and age', 'Result and age'),
        dataDimensionType: 'DISAGGREGATION',
        categories: ['CAT_RESULTAT', 'CAT_AGE_U5'],
    },
    {
        ...n('CC_RESULTAT_SEXE', 'Résultat et sexe', 'Résultat et sexe', 'Result and sex', 'Result and sex'),
        dataDimensionType: 'DISAGGREGATION',
        categories: ['CAT_RESULTAT', 'CAT_SEXE'],
    },
    {
        ...n('CC_RESULTAT', 'Résultat du test', 'Résultat', 'Test result', 'Result'),
        dataDimensionType: 'DISAGGREGATION',
        categories: ['CAT_RESULTAT'],
    },
    {
        ...n('CC_PRESTATION', 'Type de prestation', 'Prestation', 'Service kind', 'Service'),
        dataDimensionType: 'DISAGGREGATION',
        categories: ['CAT_PRESTATION'],
    },
    {
        ...n('CC_MUTUELLE', 'Mutuelle de santé', 'Mutuelle', 'Health mutual', 'Mutual'),
        dataDimensionType: 'ATTRIBUTE',
        categories: ['CAT_MUTUELLE'],
    },
]

function de(
    code: string,
    name: string,
    shortName: string,
    nameEn: string,
    shortNameEn: string,
    categoryCombo = 'default',
    aggregationType: AggregationType = 'SUM',
    valueType: ValueType = 'INTEGER_ZERO_OR_POSITIVE'
): DataElementDef {
    return { ...n(code, name, shortName, nameEn, shortNameEn), categoryCombo, aggregationType, valueType }
}

/** The monthly activity report of care facilities (public, community and private use the same elements). */
export const ACTIVITY_ELEMENTS: DataElementDef[] = [
    de(
        'CONSULT_CURATIVE',
        'Consultations curatives',
        'Consultations curatives',
        'Curative consultations',
        'Curative consultations',
        'CC_AGE_U5'
    ),
    de(
        'PALU_SUSPECTS',
        'Cas suspects de paludisme',
        'Palu cas suspects',
        'Suspected malaria cases',
        'Malaria suspected',
        'CC_AGE_U5'
    ),
    de(
        'PALU_TESTES',
        'Cas suspects de paludisme testés (TDR ou GE)',
        'Palu cas testés',
        'Suspected malaria cases tested (RDT or microscopy)',
        'Malaria tested',
        'CC_AGE_U5'
    ),
    de(
        'PALU_CONFIRMES',
        'Cas de paludisme confirmés',
        'Palu cas confirmés',
        'Confirmed malaria cases',
        'Malaria confirmed',
        'CC_AGE_U5'
    ),
    de('CPN1', 'Consultations prénatales, 1re visite', 'CPN1', 'Antenatal care, 1st visit', 'ANC1'),
    de('CPN4', 'Consultations prénatales, 4e visite', 'CPN4', 'Antenatal care, 4th visit', 'ANC4'),
    de(
        'ACCOUCH_TOTAL',
        'Accouchements (total)',
        'Accouchements total',
        'Deliveries (total)',
        'Deliveries total'
    ),
    de(
        'ACCOUCH_ASSISTES',
        'Accouchements assistés par du personnel qualifié',
        'Accouchements assistés',
        'Deliveries assisted by skilled personnel',
        'Skilled deliveries'
    ),
    de('NAISS_VIVANTES', 'Naissances vivantes', 'Naissances vivantes', 'Live births', 'Live births'),
    de('DECES_MATERNELS', 'Décès maternels', 'Décès maternels', 'Maternal deaths', 'Maternal deaths'),
    de(
        'DECES_NEONATALS',
        'Décès néonatals (0-28 jours)',
        'Décès néonatals',
        'Neonatal deaths (0-28 days)',
        'Neonatal deaths'
    ),
    de(
        'DECES_MOINS5',
        "Décès d'enfants de moins de 5 ans",
        'Décès moins de 5 ans',
        'Deaths of children under 5',
        'Under-5 deaths'
    ),
    de(
        'PF_NOUVELLES',
        'Nouvelles utilisatrices de méthodes contraceptives modernes',
        'PF nouvelles utilisatrices',
        'New users of modern contraceptive methods',
        'FP new users'
    ),
    de(
        'PF_UTILISATRICES',
        'Utilisatrices de méthodes contraceptives modernes',
        'PF utilisatrices',
        'Users of modern contraceptive methods',
        'FP users',
        'default',
        'LAST'
    ),
    de(
        'VAC_PENTA3',
        'Enfants 0-11 mois vaccinés Penta 3',
        'Vaccinés Penta 3',
        'Children 0-11 months vaccinated Penta 3',
        'Penta 3 vaccinated'
    ),
    de(
        'VAC_RR1',
        'Enfants 0-11 mois vaccinés RR 1',
        'Vaccinés RR 1',
        'Children 0-11 months vaccinated MR 1',
        'MR 1 vaccinated'
    ),
    de(
        'VAC_COMPLET',
        'Enfants complètement vaccinés',
        'Complètement vaccinés',
        'Fully vaccinated children',
        'Fully vaccinated'
    ),
    de(
        'VIH_TESTES',
        'Personnes testées pour le VIH',
        'VIH personnes testées',
        'People tested for HIV',
        'HIV tested',
        'CC_SEXE'
    ),
    de(
        'VIH_NOUVEAUX',
        "Nouveaux cas d'infection à VIH (15 ans et plus)",
        'VIH nouveaux cas 15+',
        'New HIV infections (15 years and over)',
        'HIV new cases 15+',
        'CC_SEXE'
    ),
    de('SIDA_DECES', 'Décès liés au sida', 'Décès sida', 'AIDS-related deaths', 'AIDS deaths'),
    de(
        'TB_CAS_NOTIFIES',
        'Cas de tuberculose notifiés (toutes formes)',
        'TB cas notifiés',
        'Tuberculosis cases notified (all forms)',
        'TB cases notified',
        'CC_SEXE'
    ),
]

export const LAB_ELEMENTS: DataElementDef[] = [
    de(
        'LAB_PALU_TDR',
        'Tests de diagnostic rapide du paludisme réalisés',
        'Labo TDR palu',
        'Malaria rapid diagnostic tests performed',
        'Lab malaria RDT',
        'CC_RESULTAT_AGE'
    ),
    de(
        'LAB_PALU_GE',
        'Gouttes épaisses (microscopie) réalisées',
        'Labo goutte épaisse',
        'Malaria thick blood smears (microscopy) performed',
        'Lab malaria microscopy',
        'CC_RESULTAT_AGE'
    ),
    de(
        'LAB_TB_GENEXPERT',
        'Tests TB GeneXpert réalisés',
        'Labo TB GeneXpert',
        'TB GeneXpert tests performed',
        'Lab TB GeneXpert',
        'CC_RESULTAT'
    ),
    de(
        'LAB_VIH_TEST',
        'Tests VIH réalisés au laboratoire',
        'Labo tests VIH',
        'HIV tests performed in the laboratory',
        'Lab HIV tests',
        'CC_RESULTAT_SEXE'
    ),
]

export const MUTUELLE_ELEMENTS: DataElementDef[] = [
    de(
        'MUT_ADHERENTS',
        'Adhérents de la mutuelle',
        'Mutuelle adhérents',
        'Mutual members',
        'Mutual members',
        'default',
        'LAST'
    ),
    de(
        'MUT_BENEFICIAIRES',
        'Bénéficiaires couverts par la mutuelle',
        'Mutuelle bénéficiaires',
        'Beneficiaries covered by the mutual',
        'Mutual beneficiaries',
        'default',
        'LAST'
    ),
    de(
        'MUT_ADHERENTS_A_JOUR',
        'Adhérents à jour de leurs cotisations',
        'Mutuelle adhérents à jour',
        'Members up to date with contributions',
        'Mutual members paid up',
        'default',
        'LAST'
    ),
    de(
        'MUT_PRESTATIONS',
        'Prestations prises en charge par la mutuelle',
        'Mutuelle prestations',
        'Services paid by the mutual',
        'Mutual services paid',
        'CC_PRESTATION'
    ),
    de(
        'MUT_PRESTATIONS_MONTANT',
        'Montant des prestations prises en charge (FCFA)',
        'Mutuelle montant prestations',
        'Amount of services paid (FCFA)',
        'Mutual amount paid',
        'CC_PRESTATION',
        'SUM',
        'NUMBER'
    ),
]

// Yearly denominators: AVERAGE_SUM_ORG_UNIT is DHIS2's aggregation for populations (summed over org units,
// averaged over periods), so that a 2024 population is not multiplied when analytics looks at quarters or years.
export const POPULATION_ELEMENTS: DataElementDef[] = [
    de(
        'POP_TOTALE',
        'Population totale',
        'Population totale',
        'Total population',
        'Total population',
        'default',
        'AVERAGE_SUM_ORG_UNIT'
    ),
    de(
        'POP_FEMMES_15_49',
        'Femmes en âge de procréer (15-49 ans)',
        'Femmes 15-49 ans',
        'Women of reproductive age (15-49 years)',
        'Women 15-49 years',
        'default',
        'AVERAGE_SUM_ORG_UNIT'
    ),
    de(
        'POP_NAISS_ATTENDUES',
        'Naissances vivantes attendues',
        'Naissances attendues',
        'Expected live births',
        'Expected live births',
        'default',
        'AVERAGE_SUM_ORG_UNIT'
    ),
    de(
        'POP_0_11_MOIS',
        'Enfants de 0-11 mois (survivants)',
        'Enfants 0-11 mois',
        'Children 0-11 months (surviving infants)',
        'Children 0-11 months',
        'default',
        'AVERAGE_SUM_ORG_UNIT'
    ),
]

export const DATA_ELEMENTS: DataElementDef[] = [
    ...ACTIVITY_ELEMENTS,
    ...LAB_ELEMENTS,
    ...MUTUELLE_ELEMENTS,
    ...POPULATION_ELEMENTS,
]

const codes = (elements: DataElementDef[]): string[] => elements.map((e) => e.code)

export const DATA_SETS: DataSetDef[] = [
    {
        ...n(
            'DS_SLIS_MENSUEL',
            'Rapport mensuel SLIS (CSRef, CSCom)',
            'Rapport mensuel SLIS',
            'Monthly SLIS report (CSRef, CSCom)',
            'Monthly SLIS report'
        ),
        periodType: 'Monthly',
        categoryCombo: 'default',
        elements: codes(ACTIVITY_ELEMENTS),
    },
    {
        ...n(
            'DS_PRIVE_MENSUEL',
            'Rapport mensuel des structures de santé privées',
            'Rapport mensuel privé',
            'Monthly report of private health facilities',
            'Private facility monthly report'
        ),
        periodType: 'Monthly',
        categoryCombo: 'default',
        elements: codes(ACTIVITY_ELEMENTS),
    },
    {
        ...n(
            'DS_LABO_MENSUEL',
            'Rapport mensuel des laboratoires privés',
            'Rapport mensuel laboratoire',
            'Monthly report of private laboratories',
            'Laboratory monthly report'
        ),
        periodType: 'Monthly',
        categoryCombo: 'default',
        elements: codes(LAB_ELEMENTS),
    },
    {
        ...n(
            'DS_MUTUELLE_MENSUEL',
            'Rapport mensuel des mutuelles de santé',
            'Rapport mensuel mutuelle',
            'Monthly report of health mutuals',
            'Mutual monthly report'
        ),
        periodType: 'Monthly',
        categoryCombo: 'CC_MUTUELLE',
        elements: codes(MUTUELLE_ELEMENTS),
    },
    {
        ...n(
            'DS_POPULATION',
            'Population (dénominateurs)',
            'Population',
            'Population (denominators)',
            'Population'
        ),
        periodType: 'Yearly',
        categoryCombo: 'default',
        elements: codes(POPULATION_ELEMENTS),
    },
]

export const INDICATOR_TYPES: IndicatorTypeDef[] = [
    { ...n('IT_PCT', 'Pourcentage', 'Pourcentage', 'Percentage', 'Percentage'), factor: 100, number: false },
    {
        ...n('IT_PER_1000', 'Pour 1 000', 'Pour 1 000', 'Per 1,000', 'Per 1,000'),
        factor: 1000,
        number: false,
    },
    {
        ...n('IT_PER_100000', 'Pour 100 000', 'Pour 100 000', 'Per 100,000', 'Per 100,000'),
        factor: 100000,
        number: false,
    },
    { ...n('IT_NUMBER', 'Nombre', 'Nombre', 'Number', 'Number'), factor: 1, number: true },
]

const T = (dataElement: string, options?: string[]): ExpressionTerm =>
    options ? { dataElement, options } : { dataElement }

export const INDICATORS: IndicatorDef[] = [
    {
        ...n(
            'IND_ACCOUCH_ASSISTES',
            'Accouchements assistés par du personnel qualifié (%)',
            'Accouchements assistés (%)',
            'Deliveries assisted by skilled personnel (%)',
            'Skilled birth attendance (%)'
        ),
        indicatorType: 'IT_PCT',
        numerator: [T('ACCOUCH_ASSISTES')],
        numeratorDescription: 'Accouchements assistés par du personnel qualifié',
        denominator: [T('POP_NAISS_ATTENDUES')],
        denominatorDescription: 'Naissances vivantes attendues',
        annualized: true,
        decimals: 1,
    },
    {
        ...n(
            'IND_PALU_INCIDENCE',
            'Incidence du paludisme confirmé (‰)',
            'Incidence palu confirmé (‰)',
            'Confirmed malaria incidence (per 1,000)',
            'Confirmed malaria incidence (‰)'
        ),
        indicatorType: 'IT_PER_1000',
        numerator: [T('PALU_CONFIRMES'), T('LAB_PALU_TDR', ['RES_POS']), T('LAB_PALU_GE', ['RES_POS'])],
        numeratorDescription:
            'Cas de paludisme confirmés + TDR positifs + gouttes épaisses positives (laboratoires)',
        denominator: [T('POP_TOTALE')],
        denominatorDescription: 'Population totale',
        annualized: true,
        decimals: 1,
    },
    {
        ...n(
            'IND_TB_INCIDENCE',
            'Taux de notification de la tuberculose (pour 100 000)',
            'Notification TB (/100 000)',
            'Tuberculosis notification rate (per 100,000)',
            'TB notification (/100,000)'
        ),
        indicatorType: 'IT_PER_100000',
        numerator: [T('TB_CAS_NOTIFIES')],
        numeratorDescription: 'Cas de tuberculose notifiés (toutes formes)',
        denominator: [T('POP_TOTALE')],
        denominatorDescription: 'Population totale',
        annualized: true,
        decimals: 1,
    },
    {
        ...n(
            'IND_VIH_INCIDENCE',
            'Nouveaux cas de VIH pour 1 000 habitants',
            'Nouveaux cas VIH (‰)',
            'New HIV cases per 1,000 population',
            'New HIV cases (‰)'
        ),
        indicatorType: 'IT_PER_1000',
        numerator: [T('VIH_NOUVEAUX')],
        numeratorDescription: "Nouveaux cas d'infection à VIH (15 ans et plus)",
        denominator: [T('POP_TOTALE')],
        denominatorDescription: 'Population totale',
        annualized: true,
        decimals: 2,
    },
    {
        ...n(
            'IND_VIH_NOUVEAUX',
            'Nouveaux cas de VIH (adultes)',
            'Nouveaux cas VIH adultes',
            'New HIV cases (adults)',
            'New HIV cases (adults)'
        ),
        indicatorType: 'IT_NUMBER',
        numerator: [T('VIH_NOUVEAUX')],
        numeratorDescription: "Nouveaux cas d'infection à VIH (15 ans et plus)",
        denominator: 1,
        denominatorDescription: 'Un',
        annualized: false,
        decimals: 0,
    },
    {
        ...n(
            'IND_SIDA_MORTALITE',
            'Décès liés au sida pour 100 000 habitants',
            'Mortalité sida (/100 000)',
            'AIDS-related deaths per 100,000 population',
            'AIDS mortality (/100,000)'
        ),
        indicatorType: 'IT_PER_100000',
        numerator: [T('SIDA_DECES')],
        numeratorDescription: 'Décès liés au sida',
        denominator: [T('POP_TOTALE')],
        denominatorDescription: 'Population totale',
        annualized: true,
        decimals: 2,
    },
    {
        ...n(
            'IND_PF_MODERNE',
            'Couverture en méthodes contraceptives modernes (%)',
            'Contraception moderne (%)',
            'Modern contraceptive coverage (%)',
            'Modern contraception (%)'
        ),
        indicatorType: 'IT_PCT',
        numerator: [T('PF_UTILISATRICES')],
        numeratorDescription: 'Utilisatrices de méthodes contraceptives modernes',
        denominator: [T('POP_FEMMES_15_49')],
        denominatorDescription: 'Femmes en âge de procréer (15-49 ans)',
        annualized: false,
        decimals: 1,
    },
    {
        ...n(
            'IND_VAC_COMPLETE',
            'Couverture vaccinale complète (%)',
            'Couverture vaccinale complète (%)',
            'Full immunisation coverage (%)',
            'Full immunisation (%)'
        ),
        indicatorType: 'IT_PCT',
        numerator: [T('VAC_COMPLET')],
        numeratorDescription: 'Enfants complètement vaccinés',
        denominator: [T('POP_0_11_MOIS')],
        denominatorDescription: 'Enfants de 0-11 mois (survivants)',
        annualized: true,
        decimals: 1,
    },
    {
        ...n(
            'IND_AMU_COUVERTURE',
            'Couverture de la population par les mutuelles de santé (%)',
            'Couverture mutuelles (%)',
            'Population covered by health mutuals (%)',
            'Mutual coverage (%)'
        ),
        indicatorType: 'IT_PCT',
        numerator: [T('MUT_BENEFICIAIRES')],
        numeratorDescription: 'Bénéficiaires couverts par les mutuelles',
        denominator: [T('POP_TOTALE')],
        denominatorDescription: 'Population totale',
        annualized: false,
        decimals: 2,
    },
    {
        ...n(
            'IND_MMR_INSTITUTIONNEL',
            'Ratio de mortalité maternelle institutionnelle (pour 100 000 naissances vivantes)',
            'Mortalité maternelle instit. (/100 000 NV)',
            'Institutional maternal mortality ratio (per 100,000 live births)',
            'Instit. maternal mortality (/100,000 LB)'
        ),
        indicatorType: 'IT_PER_100000',
        numerator: [T('DECES_MATERNELS')],
        numeratorDescription: 'Décès maternels',
        denominator: [T('NAISS_VIVANTES')],
        denominatorDescription: 'Naissances vivantes',
        annualized: false,
        decimals: 0,
    },
    {
        ...n(
            'IND_MORT_NEONAT_INSTIT',
            'Mortalité néonatale institutionnelle (‰ naissances vivantes)',
            'Mortalité néonatale instit. (‰ NV)',
            'Institutional neonatal mortality (per 1,000 live births)',
            'Instit. neonatal mortality (‰ LB)'
        ),
        indicatorType: 'IT_PER_1000',
        numerator: [T('DECES_NEONATALS')],
        numeratorDescription: 'Décès néonatals (0-28 jours)',
        denominator: [T('NAISS_VIVANTES')],
        denominatorDescription: 'Naissances vivantes',
        annualized: false,
        decimals: 1,
    },
]

export const ORG_UNIT_GROUPS: OrgUnitGroupDef[] = [
    n('SECT_PUBLIC', 'Public', 'Public', 'Public', 'Public'),
    n('SECT_COMMUNAUTAIRE', 'Communautaire (CSCom)', 'Communautaire', 'Community (CSCom)', 'Community'),
    n('SECT_PRIVE_LUCRATIF', 'Privé lucratif', 'Privé lucratif', 'Private for-profit', 'Private for-profit'),
    n(
        'SECT_PRIVE_NON_LUCRATIF',
        'Privé non lucratif / confessionnel',
        'Privé non lucratif',
        'Private not-for-profit / faith-based',
        'Private not-for-profit'
    ),
    n(
        'TYPE_CSREF',
        'Centre de santé de référence (CSRef)',
        'CSRef',
        'Referral health centre (CSRef)',
        'CSRef'
    ),
    n(
        'TYPE_CSCOM',
        'Centre de santé communautaire (CSCom)',
        'CSCom',
        'Community health centre (CSCom)',
        'CSCom'
    ),
    n('TYPE_HOPITAL', 'Hôpital', 'Hôpital', 'Hospital', 'Hospital'),
    n('TYPE_CLINIQUE', 'Clinique', 'Clinique', 'Clinic', 'Clinic'),
    n('TYPE_CABINET', 'Cabinet médical', 'Cabinet médical', 'Medical practice', 'Medical practice'),
    n('TYPE_LABO', "Laboratoire d'analyses médicales", 'Laboratoire', 'Medical laboratory', 'Laboratory'),
]

export const ORG_UNIT_GROUP_SETS: OrgUnitGroupSetDef[] = [
    {
        ...n('SECTEUR', 'Secteur', 'Secteur', 'Sector', 'Sector'),
        compulsory: true,
        groups: ['SECT_PUBLIC', 'SECT_COMMUNAUTAIRE', 'SECT_PRIVE_LUCRATIF', 'SECT_PRIVE_NON_LUCRATIF'],
    },
    {
        ...n('TYPE_STRUCTURE', 'Type de structure', 'Type de structure', 'Facility type', 'Facility type'),
        compulsory: false,
        groups: ['TYPE_CSREF', 'TYPE_CSCOM', 'TYPE_HOPITAL', 'TYPE_CLINIQUE', 'TYPE_CABINET', 'TYPE_LABO'],
    },
]

/**
 * User groups the products rely on, created without members (administrators add people). The app shares its
 * target set in the dataStore `rw------` with the planners' group, found by code (docs/targets.md). A DHIS2
 * user group has neither short name nor description.
 */
export const USER_GROUPS: Named[] = [
    n(
        'ODD3_PLANIFICATEURS',
        'Planificateurs ODD 3 (CPS)',
        'Planificateurs ODD 3',
        'SDG 3 planners (CPS)',
        'SDG 3 planners'
    ),
]
