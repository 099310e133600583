// Every word the intake's pages say, French first (the people it serves read French), English second.
// The pipeline's own issues arrive already translated from the service (bridge/src/i18n/messages.ts);
// this table only holds the pages' own text, so that a page never mixes two languages.

export type Lang = 'fr' | 'en'

const TEXT = {
    appName: { fr: 'Dépôt des rapports du secteur privé', en: 'Private sector report intake' },
    skipToContent: { fr: 'Aller au contenu', en: 'Skip to content' },
    switchLang: { fr: 'English', en: 'Français' },
    navReports: { fr: 'Mes rapports', en: 'My reports' },
    navUpload: { fr: 'Envoyer un fichier', en: 'Upload a file' },
    navForm: { fr: 'Saisir le formulaire', en: 'Fill in the form' },
    logout: { fr: 'Se déconnecter', en: 'Log out' },
    connectedAs: { fr: 'Connecté : {name}', en: 'Logged in: {name}' },

    loginTitle: { fr: 'Connexion', en: 'Log in' },
    loginIntro: {
        fr: 'Connectez-vous avec votre compte DHIS2 (le même nom d’utilisateur et le même mot de passe).',
        en: 'Log in with your DHIS2 account (the same username and password).',
    },
    username: { fr: 'Nom d’utilisateur', en: 'Username' },
    password: { fr: 'Mot de passe', en: 'Password' },
    loginButton: { fr: 'Se connecter', en: 'Log in' },
    loginFailed: {
        fr: 'Nom d’utilisateur ou mot de passe incorrect. Vérifiez-les et réessayez.',
        en: 'Wrong username or password. Check them and try again.',
    },
    loginUnavailable: {
        fr: 'DHIS2 ne répond pas pour le moment : la connexion est impossible. Réessayez dans quelques minutes.',
        en: 'DHIS2 is not answering at the moment, so you cannot log in. Try again in a few minutes.',
    },
    loginNoOrgUnit: {
        fr: 'Votre compte DHIS2 n’est rattaché à aucune structure. Demandez à votre district de le rattacher à votre structure.',
        en: 'Your DHIS2 account is not assigned to any facility. Ask your district to assign it to your facility.',
    },
    loggedOut: { fr: 'Vous êtes déconnecté.', en: 'You are logged out.' },
    sessionExpired: {
        fr: 'Votre session a expiré. Reconnectez-vous.',
        en: 'Your session has expired. Please log in again.',
    },
    tooManyAttempts: {
        fr: 'Trop de tentatives de connexion. Attendez une minute avant de réessayer.',
        en: 'Too many login attempts. Wait a minute before trying again.',
    },

    reportsTitle: { fr: 'Mes rapports', en: 'My reports' },
    reportsIntro: {
        fr: 'Les mois attendus pour chacune de vos structures, et ce que vous avez déjà envoyé.',
        en: 'The months expected from each of your facilities, and what you have already sent.',
    },
    noFacility: {
        fr: 'Aucune structure n’est rattachée à votre compte.',
        en: 'No facility is assigned to your account.',
    },
    month: { fr: 'Mois', en: 'Month' },
    status: { fr: 'État', en: 'Status' },
    monthMissing: { fr: 'Manquant', en: 'Missing' },
    monthReceived: { fr: 'Reçu', en: 'Received' },
    monthInDhis2: { fr: 'Dans DHIS2', en: 'In DHIS2' },
    monthPartlyRefused: { fr: 'Partiellement refusé', en: 'Partly refused' },
    monthWaiting: { fr: 'En attente de DHIS2', en: 'Waiting for DHIS2' },
    submitThisMonth: { fr: 'Saisir', en: 'Enter' },
    historyTitle: { fr: 'Mes envois', en: 'My submissions' },
    noSubmission: { fr: 'Aucun envoi pour le moment.', en: 'Nothing sent yet.' },
    reference: { fr: 'Référence', en: 'Reference' },
    receivedAt: { fr: 'Reçu le', en: 'Received on' },
    file: { fr: 'Fichier', en: 'File' },
    onlineForm: { fr: 'Formulaire en ligne', en: 'Online form' },

    uploadTitle: { fr: 'Envoyer un fichier', en: 'Upload a file' },
    uploadIntro: {
        fr: 'Choisissez le fichier de votre rapport (Excel, CSV ou JSON, {max} au plus).',
        en: 'Choose your report’s file (Excel, CSV or JSON, {max} at most).',
    },
    sourceKind: { fr: 'Type de fichier', en: 'Kind of file' },
    sourceFacilityReport: { fr: 'Rapport mensuel de la structure', en: 'Facility monthly report' },
    sourceLab: { fr: 'Registre du laboratoire', en: 'Laboratory register' },
    sourceMutuelle: { fr: 'Fichier de la mutuelle', en: 'Mutual health insurer file' },
    chooseFile: { fr: 'Fichier', en: 'File' },
    allowPartial: {
        fr: 'Envoyer les valeurs valides malgré les erreurs',
        en: 'Send the valid values despite the errors',
    },
    allowPartialHint: {
        fr: 'Les valeurs sans erreur partent tout de suite ; vous corrigerez les autres plus tard.',
        en: 'Values without errors are sent now; you will correct the others later.',
    },
    send: { fr: 'Envoyer', en: 'Send' },
    noFileChosen: { fr: 'Choisissez un fichier avant d’envoyer.', en: 'Choose a file before sending.' },
    fileTooLarge: {
        fr: 'Le fichier est trop gros ({max} au plus). Envoyez un fichier plus petit, par exemple un mois à la fois.',
        en: 'The file is too large ({max} at most). Send a smaller file, for instance one month at a time.',
    },
    oneFileOnly: { fr: 'Envoyez un seul fichier à la fois.', en: 'Send one file at a time.' },
    refusedTitle: { fr: 'Le rapport n’a pas été reçu', en: 'The report was not received' },
    refusedIntro: {
        fr: 'Rien n’a été enregistré. Corrigez les erreurs ci-dessous dans votre fichier, puis envoyez-le de nouveau.',
        en: 'Nothing was recorded. Correct the errors below in your file, then send it again.',
    },
    refusedFormIntro: {
        fr: 'Rien n’a été enregistré. Corrigez les champs signalés, puis envoyez de nouveau.',
        en: 'Nothing was recorded. Correct the fields marked, then send again.',
    },
    issuesTitle: { fr: 'Problèmes trouvés', en: 'Problems found' },
    issueError: { fr: 'Erreur', en: 'Error' },
    issueWarning: { fr: 'Attention', en: 'Warning' },
    whereFile: { fr: 'fichier {file}', en: 'file {file}' },
    whereSheet: { fr: 'feuille « {sheet} »', en: 'sheet “{sheet}”' },
    whereRow: { fr: 'ligne {row}', en: 'row {row}' },
    whereColumn: { fr: 'colonne {column}', en: 'column {column}' },
    whereField: { fr: 'champ « {field} »', en: 'field “{field}”' },
    tryAgain: { fr: 'Envoyer un autre fichier', en: 'Send another file' },

    formTitle: { fr: 'Saisir le formulaire', en: 'Fill in the form' },
    formChooseIntro: {
        fr: 'Choisissez la structure et le mois. Le formulaire reprend ce que DHIS2 a déjà.',
        en: 'Choose the facility and the month. The form starts from what DHIS2 already has.',
    },
    facility: { fr: 'Structure', en: 'Facility' },
    open: { fr: 'Ouvrir le formulaire', en: 'Open the form' },
    formFor: { fr: '{dataSet} — {orgUnit}, {period}', en: '{dataSet} — {orgUnit}, {period}' },
    formHint: {
        fr: 'Laissez vide une case sans donnée. Les valeurs déjà dans DHIS2 sont déjà remplies.',
        en: 'Leave a box empty when there is no figure. Values already in DHIS2 are filled in.',
    },
    noMonth: { fr: 'Aucun mois attendu.', en: 'No month expected.' },
    figuresTitle: { fr: 'Vos chiffres dans DHIS2', en: 'Your figures in DHIS2' },
    figuresNone: {
        fr: 'DHIS2 n’a encore aucun chiffre de cette structure pour ces mois.',
        en: 'DHIS2 holds no figure of this facility for these months yet.',
    },
    figuresUnavailable: {
        fr: 'Vos chiffres ne peuvent pas être lus dans DHIS2 pour le moment.',
        en: 'Your figures cannot be read from DHIS2 just now.',
    },
    indicator: { fr: 'Indicateur', en: 'Indicator' },

    receiptTitle: { fr: 'Accusé de réception', en: 'Acknowledgement of receipt' },
    receiptIntro: {
        fr: 'Votre rapport est enregistré. Conservez cette référence : elle vous sera demandée en cas de question.',
        en: 'Your report is recorded. Keep this reference: you will be asked for it if there is a question.',
    },
    submittedBy: { fr: 'Envoyé par', en: 'Sent by' },
    sha256: { fr: 'Empreinte SHA-256 du fichier', en: 'File SHA-256 fingerprint' },
    valueCount: { fr: 'Nombre de valeurs', en: 'Number of values' },
    facilities: { fr: 'Structures', en: 'Facilities' },
    periods: { fr: 'Mois', en: 'Months' },
    changesTitle: { fr: 'Depuis votre envoi précédent', en: 'Since your previous submission' },
    added: { fr: 'Ajoutées', en: 'Added' },
    changed: { fr: 'Modifiées', en: 'Changed' },
    removed: { fr: 'Retirées', en: 'Removed' },
    unchanged: { fr: 'Inchangées', en: 'Unchanged' },
    stateTitle: { fr: 'Où en est votre rapport', en: 'Where your report is' },
    stateReceived: { fr: 'Reçu, envoi à DHIS2 en cours', en: 'Received, being sent to DHIS2' },
    stateWaiting: { fr: 'En attente de DHIS2', en: 'Waiting for DHIS2' },
    stateDelivered: { fr: 'Dans DHIS2', en: 'In DHIS2' },
    statePartlyRefused: { fr: 'Partiellement refusé par DHIS2', en: 'Partly refused by DHIS2' },
    stateWaitingHint: {
        fr: 'DHIS2 ne répond pas pour le moment. Votre rapport est bien enregistré et partira tout seul dès que DHIS2 répondra.',
        en: 'DHIS2 is not answering at the moment. Your report is safely recorded and will go as soon as DHIS2 answers.',
    },
    refusalsTitle: { fr: 'Valeurs refusées par DHIS2', en: 'Values refused by DHIS2' },
    notSentTitle: {
        fr: 'Valeurs non envoyées (à corriger)',
        en: 'Values not sent (to be corrected)',
    },
    updatedAt: { fr: 'Mis à jour le', en: 'Updated on' },
    print: { fr: 'Imprimer', en: 'Print' },
    refresh: { fr: 'Actualiser', en: 'Refresh' },

    forbiddenTitle: { fr: 'Accès refusé', en: 'Access denied' },
    forbiddenText: {
        fr: 'Cette structure ou ce rapport ne fait pas partie de votre compte. Vous ne pouvez envoyer et consulter que les données de vos propres structures. Cette tentative a été enregistrée.',
        en: 'This facility or report is not part of your account. You can only send and see the data of your own facilities. This attempt has been recorded.',
    },
    notFoundTitle: { fr: 'Page introuvable', en: 'Page not found' },
    notFoundText: {
        fr: 'Cette page ou ce rapport n’existe pas. Vérifiez la référence.',
        en: 'This page or report does not exist. Check the reference.',
    },
    csrfTitle: { fr: 'Formulaire expiré', en: 'Form expired' },
    csrfText: {
        fr: 'Ce formulaire a expiré ou ne vient pas de cette page. Revenez en arrière, actualisez la page et recommencez.',
        en: 'This form has expired or did not come from this page. Go back, refresh the page and try again.',
    },
    errorTitle: { fr: 'Une erreur est survenue', en: 'Something went wrong' },
    errorText: {
        fr: 'Le service n’a pas pu traiter votre demande. Rien n’a été enregistré. Réessayez dans quelques minutes ; si cela continue, prévenez votre district.',
        en: 'The service could not handle your request. Nothing was recorded. Try again in a few minutes; if it goes on, tell your district.',
    },
    backHome: { fr: 'Retour à mes rapports', en: 'Back to my reports' },
} as const satisfies Record<string, Record<Lang, string>>

export type MessageKey = keyof typeof TEXT

/** The page text in `lang`, with `{name}` placeholders filled (the caller escapes for HTML). */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
    return TEXT[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(params[name]) : whole
    )
}

/** « 10 Mo » / "10 MB": sizes as people read them. */
export function sizeLabel(bytes: number, lang: Lang): string {
    if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} ${lang === 'fr' ? 'Ko' : 'KB'}`
    const mib = Math.round((bytes / (1024 * 1024)) * 10) / 10
    return lang === 'fr' ? `${String(mib).replace('.', ',')} Mo` : `${mib} MB`
}
