// Every user-facing message of the bridge, French first. One place, so the docs can list them all
// and a clinic always gets the same sentence for the same problem.
import type { Lang, Localized } from '../core/types.js'

type Params = Record<string, string | number | undefined>

interface Entry {
    message: Localized
    hint?: Localized
}

export const MESSAGES = {
    EMPTY_FILE: {
        message: {
            fr: 'Le fichier est vide (aucune ligne de données).',
            en: 'The file is empty (no data rows).',
        },
        hint: {
            fr: 'Exportez à nouveau le rapport depuis Excel et vérifiez que les lignes sont présentes.',
            en: 'Export the report again from Excel and check that the rows are there.',
        },
    },
    ENCODING: {
        message: {
            fr: "Le fichier n'est ni en UTF-8 ni en Windows-1252 lisible : caractères illisibles dans la colonne {{column}}.",
            en: 'The file is neither readable UTF-8 nor Windows-1252: unreadable characters in column {{column}}.',
        },
        hint: {
            fr: 'Dans Excel, « Enregistrer sous » puis « CSV UTF-8 (délimité par des points-virgules) ».',
            en: 'In Excel, "Save as" then "CSV UTF-8 (semicolon delimited)".',
        },
    },
    UNREADABLE_FILE: {
        message: { fr: 'Fichier illisible : {{detail}}.', en: 'Unreadable file: {{detail}}.' },
        hint: {
            fr: 'Envoyez le fichier au format CSV, XLSX ou JSON selon le modèle.',
            en: 'Send the file as CSV, XLSX or JSON following the template.',
        },
    },
    FORMAT_ODS: {
        message: {
            fr: 'Ce fichier est au format OpenDocument (.ods) : ouvrez-le dans LibreOffice ou Excel et enregistrez-le en .xlsx (Classeur Excel).',
            en: 'This file is in OpenDocument format (.ods): open it in LibreOffice or Excel and save it as .xlsx (Excel Workbook).',
        },
    },
    FORMAT_XLS: {
        message: {
            fr: 'Ce fichier est un ancien classeur Excel (.xls, Excel 97-2003) : ouvrez-le dans Excel et enregistrez-le en .xlsx (Classeur Excel).',
            en: 'This file is an old Excel workbook (.xls, Excel 97-2003): open it in Excel and save it as .xlsx (Excel Workbook).',
        },
    },
    FORMAT_ENCRYPTED: {
        message: {
            fr: 'Ce classeur est protégé par un mot de passe : il ne peut pas être lu.',
            en: 'This workbook is protected by a password: it cannot be read.',
        },
        hint: {
            fr: 'Ouvrez-le dans Excel, retirez le mot de passe (Fichier > Informations > Protéger le classeur) et enregistrez-le en .xlsx.',
            en: 'Open it in Excel, remove the password (File > Info > Protect Workbook) and save it as .xlsx.',
        },
    },
    FORMAT_HTML: {
        message: {
            fr: 'Ce fichier est une page web (HTML), pas un vrai classeur Excel (c’est ce que donnent beaucoup d’outils en ligne avec « Exporter vers Excel ») : ouvrez-le dans Excel et enregistrez-le en .xlsx (Classeur Excel).',
            en: 'This file is a web page (HTML), not a real Excel workbook (what many online tools give with "Export to Excel"): open it in Excel and save it as .xlsx (Excel Workbook).',
        },
    },
    FORMAT_XML_2003: {
        message: {
            fr: 'Ce fichier est au format « Feuille de calcul XML 2003 » : ouvrez-le dans Excel et enregistrez-le en .xlsx (Classeur Excel).',
            en: 'This file is in the "XML Spreadsheet 2003" format: open it in Excel and save it as .xlsx (Excel Workbook).',
        },
    },
    FORMAT_NOT_TABLE: {
        message: {
            fr: 'Ce fichier est un document {{what}}, pas un tableau : envoyez le rapport en .xlsx (Classeur Excel) ou en CSV.',
            en: 'This file is a {{what}} document, not a table: send the report as .xlsx (Excel Workbook) or CSV.',
        },
    },
    FORMAT_BINARY: {
        message: {
            fr: 'Ce fichier n’est ni un texte CSV ni un classeur Excel (.xlsx) : son contenu est illisible (fichier abîmé, incomplet ou d’un autre logiciel).',
            en: 'This file is neither CSV text nor an Excel workbook (.xlsx): its content cannot be read (damaged, incomplete, or from another program).',
        },
        hint: {
            fr: 'Ouvrez le rapport dans Excel et enregistrez-le en .xlsx (Classeur Excel), puis envoyez ce nouveau fichier.',
            en: 'Open the report in Excel and save it as .xlsx (Excel Workbook), then send that new file.',
        },
    },
    FORMAT_NOT_WORKBOOK: {
        message: {
            fr: 'Ce fichier porte l’extension {{ext}} mais n’est pas un classeur Excel valide (fichier abîmé, incomplet ou renommé).',
            en: 'This file has the {{ext}} extension but is not a valid Excel workbook (damaged, incomplete or renamed file).',
        },
        hint: {
            fr: 'Ouvrez le rapport dans Excel et enregistrez-le en .xlsx (Classeur Excel), puis envoyez ce nouveau fichier.',
            en: 'Open the report in Excel and save it as .xlsx (Excel Workbook), then send that new file.',
        },
    },
    WORKBOOK_WRONG_EXTENSION: {
        message: {
            fr: 'Ce fichier porte l’extension {{ext}} mais c’est un classeur Excel (.xlsx) : il a été lu comme un classeur.',
            en: 'This file has the {{ext}} extension but is an Excel workbook (.xlsx): it was read as a workbook.',
        },
        hint: { fr: 'Renommez-le en .xlsx.', en: 'Rename it to .xlsx.' },
    },
    TEXT_WRONG_EXTENSION: {
        message: {
            fr: 'Ce fichier porte l’extension {{ext}} mais c’est un fichier texte (CSV) : il a été lu comme un CSV.',
            en: 'This file has the {{ext}} extension but is a text (CSV) file: it was read as a CSV.',
        },
        hint: {
            fr: 'Renommez-le en .csv, ou ouvrez-le dans Excel et enregistrez-le en .xlsx (Classeur Excel).',
            en: 'Rename it to .csv, or open it in Excel and save it as .xlsx (Excel Workbook).',
        },
    },
    WORKBOOK_TOO_LARGE: {
        message: {
            fr: 'Classeur trop volumineux ({{size}} Mo, au-delà de {{limit}} Mo) : il n’a pas été lu.',
            en: 'Workbook too large ({{size}} MB, over {{limit}} MB): it was not read.',
        },
        hint: {
            fr: 'Enregistrez la feuille en CSV UTF-8 (les fichiers CSV n’ont pas cette limite), ou découpez le classeur.',
            en: 'Save the sheet as CSV UTF-8 (CSV files have no such limit), or split the workbook.',
        },
    },
    HIDDEN_SHEET_SKIPPED: {
        message: {
            fr: 'La feuille masquée « {{sheet}} » n’a pas été lue.',
            en: 'The hidden sheet "{{sheet}}" was not read.',
        },
        hint: {
            fr: 'Seules les feuilles visibles sont lues. Si cette feuille doit être envoyée, affichez-la (clic droit sur un onglet > Afficher).',
            en: 'Only visible sheets are read. If this sheet must be sent, unhide it (right-click a tab > Unhide).',
        },
    },
    HIDDEN_COLUMN_SKIPPED: {
        message: {
            fr: 'La colonne masquée {{column}} n’a pas été lue.',
            en: 'The hidden column {{column}} was not read.',
        },
        hint: {
            fr: 'Seules les colonnes visibles sont lues. Si cette colonne doit être envoyée, affichez-la (clic droit sur les lettres de colonnes > Afficher).',
            en: 'Only visible columns are read. If this column must be sent, unhide it (right-click the column letters > Unhide).',
        },
    },
    HIDDEN_ROWS_SKIPPED: {
        message: {
            fr: '{{count}} ligne(s) masquée(s) non lue(s) : {{rows}}.',
            en: '{{count}} hidden row(s) not read: {{rows}}.',
        },
        hint: {
            fr: 'Seules les lignes visibles sont lues. Si ces lignes doivent être envoyées, affichez-les (clic droit sur les numéros de lignes > Afficher).',
            en: 'Only visible rows are read. If these rows must be sent, unhide them (right-click the row numbers > Unhide).',
        },
    },
    EXCEL_ERROR_CELL: {
        message: {
            fr: 'La cellule {{column}}{{row}} affiche l’erreur Excel {{errorFr}} ({{whyFr}}) : sa valeur n’est pas envoyée.',
            en: 'Cell {{column}}{{row}} shows the Excel error {{errorEn}} ({{whyEn}}): its value is not sent.',
        },
        hint: {
            fr: 'Corrigez la formule ou tapez le nombre dans la cellule, enregistrez, puis renvoyez le fichier.',
            en: 'Fix the formula or type the number in the cell, save, then send the file again.',
        },
    },
    FORMULA_NO_VALUE: {
        message: {
            fr: 'La cellule {{column}}{{row}} contient une formule dont le résultat n’a pas été enregistré : sa valeur n’est pas envoyée.',
            en: 'Cell {{column}}{{row}} holds a formula whose result was not saved: its value is not sent.',
        },
        hint: {
            fr: 'Ouvrez le fichier dans Excel ou LibreOffice, enregistrez-le (le résultat sera calculé), puis renvoyez-le.',
            en: 'Open the file in Excel or LibreOffice, save it (the result will be computed), then send it again.',
        },
    },
    RECORD_TOO_LONG: {
        message: {
            fr: 'La ligne {{row}} dépasse {{limit}} Mo : ce n’est pas une ligne de rapport. La suite du fichier n’a pas été lue.',
            en: 'Line {{row}} is longer than {{limit}} MB: it is not a report line. The rest of the file was not read.',
        },
        hint: {
            fr: 'Vérifiez que c’est bien le bon fichier (un guillemet « " » non fermé peut aussi réunir tout le fichier en une ligne), puis enregistrez-le à nouveau en CSV depuis Excel.',
            en: 'Check that it is the right file (an unclosed quote " can also merge the whole file into one line), then save it again as CSV from Excel.',
        },
    },
    JSON_TOO_LARGE: {
        message: {
            fr: 'Fichier JSON trop volumineux ({{size}} Mo, au-delà de {{limit}} Mo) : il n’a pas été lu.',
            en: 'JSON file too large ({{size}} MB, over {{limit}} MB): it was not read.',
        },
        hint: {
            fr: 'Envoyez les données en CSV (sans limite de taille) ou découpez le fichier par mois.',
            en: 'Send the data as CSV (no size limit) or split the file by month.',
        },
    },
    JSON_SYNTAX: {
        message: {
            fr: 'Le fichier JSON est mal formé à la ligne {{line}}, colonne {{col}} : il n’a pas été lu.',
            en: 'The JSON file is malformed at line {{line}}, column {{col}}: it was not read.',
        },
        hint: {
            fr: 'Corrigez le fichier à cet endroit (virgule, guillemet ou accolade manquante) ou exportez-le à nouveau.',
            en: 'Fix the file at that place (missing comma, quote or brace) or export it again.',
        },
    },
    MISSING_COLUMN: {
        message: {
            fr: 'Colonne obligatoire absente : « {{column}} ».',
            en: 'Required column missing: "{{column}}".',
        },
        hint: {
            fr: "Ajoutez la colonne avec exactement ce titre (voir le modèle), ou corrigez l'orthographe du titre.",
            en: 'Add the column with exactly this title (see the template), or fix the spelling of the title.',
        },
    },
    UNKNOWN_COLUMN: {
        message: {
            fr: 'Colonne inconnue ignorée : « {{column}} ».',
            en: 'Unknown column ignored: "{{column}}".',
        },
        hint: {
            fr: 'Vérifiez le titre de la colonne dans le modèle ; ses valeurs ne seront pas envoyées.',
            en: 'Check the column title against the template; its values will not be sent.',
        },
    },
    UNRECOGNISED_COLUMN: {
        message: {
            fr: 'Colonne non reconnue : « {{column}} » — vouliez-vous dire « {{suggestion}} » ? Ses valeurs ne sont pas envoyées.',
            en: 'Column not recognised: "{{column}}" — did you mean "{{suggestion}}"? Its values are not sent.',
        },
        hint: {
            fr: 'Écrivez le titre comme dans le modèle (« {{suggestion}} »), puis renvoyez le fichier. Tant que cette colonne manque, les rapports de ce tableau ne sont pas marqués complets.',
            en: 'Write the title as in the template ("{{suggestion}}"), then send the file again. Until then, the reports of this table are not marked complete.',
        },
    },
    DUPLICATE_COLUMN: {
        message: {
            fr: 'La colonne « {{column}} » a le même sens que la colonne « {{other}} » : les deux sont lues, et une case où elles diffèrent n’est pas envoyée.',
            en: 'Column "{{column}}" means the same as column "{{other}}": both are read, and a cell where they differ is not sent.',
        },
        hint: {
            fr: 'Gardez une seule de ces deux colonnes dans le fichier.',
            en: 'Keep only one of the two columns in the file.',
        },
    },
    MISSING_COLUMN_LAYOUT: {
        message: {
            fr: 'Colonne obligatoire absente : « {{column}} ». Le tableau a été lu selon le modèle au {{layoutFr}}, qui attend les colonnes : {{expected}}.',
            en: 'Required column missing: "{{column}}". The table was read against the template’s {{layoutEn}}, which expects the columns: {{expected}}.',
        },
        hint: {
            fr: "Ajoutez la colonne avec ce titre (voir le modèle), ou corrigez l'orthographe du titre.",
            en: 'Add the column with this title (see the template), or fix the spelling of the title.',
        },
    },
    MISSING_VALUE: {
        message: {
            fr: 'Cellule vide dans la colonne « {{column}} ».',
            en: 'Empty cell in column "{{column}}".',
        },
        hint: { fr: 'Remplissez la cellule.', en: 'Fill in the cell.' },
    },
    UNKNOWN_FACILITY: {
        message: {
            fr: 'Code de structure inconnu : « {{value}} ».',
            en: 'Unknown facility code: "{{value}}".',
        },
        hint: {
            fr: 'Utilisez le code de la structure attribué par le district (ex. FS-C5-012) ; demandez-le au médecin-chef si besoin.',
            en: 'Use the facility code given by the district (e.g. FS-C5-012); ask the district health officer if needed.',
        },
    },
    UNKNOWN_DATA_ELEMENT: {
        message: { fr: 'Indicateur inconnu : « {{value}} ».', en: 'Unknown data element: "{{value}}".' },
        hint: {
            fr: "Utilisez un des codes de la liste du modèle (ex. CONSULT_CURATIVE) ; vérifiez l'orthographe.",
            en: 'Use one of the codes listed in the template (e.g. CONSULT_CURATIVE); check the spelling.',
        },
    },
    UNKNOWN_DISAGGREGATION: {
        message: {
            fr: 'Ventilation inconnue « {{value}} » pour {{element}}.',
            en: 'Unknown disaggregation "{{value}}" for {{element}}.',
        },
        hint: {
            fr: 'Valeurs admises pour {{element}} : {{allowed}}.',
            en: 'Allowed values for {{element}}: {{allowed}}.',
        },
    },
    COC_NOT_IN_COMBO: {
        message: {
            fr: "La ventilation « {{value}} » n'existe pas pour {{element}}.",
            en: 'Disaggregation "{{value}}" does not exist for {{element}}.',
        },
        hint: {
            fr: 'Valeurs admises pour {{element}} : {{allowed}}.',
            en: 'Allowed values for {{element}}: {{allowed}}.',
        },
    },
    BAD_PERIOD: {
        message: { fr: 'Période illisible : « {{value}} ».', en: 'Unreadable period: "{{value}}".' },
        hint: {
            fr: 'Écrivez le mois sous la forme 2024-03, 03/2024, mars 2024 ou 202403.',
            en: 'Write the month as 2024-03, 03/2024, mars 2024 or 202403.',
        },
    },
    WRONG_PERIOD_TYPE: {
        message: {
            fr: 'La période « {{value}} » n’est pas un mois, alors que le rapport {{dataSet}} est {{periodType}}.',
            en: 'Period "{{value}}" is not of type {{periodType}} required by report {{dataSet}}.',
        },
        hint: { fr: 'Indiquez un mois (ex. 2024-03).', en: 'Give a month (e.g. 2024-03).' },
    },
    FUTURE_PERIOD: {
        message: {
            fr: 'La période {{value}} n’est pas encore close : DHIS2 refuse les données avant la fin du mois (dernier mois ouvert : {{latest}}).',
            en: 'Period {{value}} is not closed yet: DHIS2 refuses data before the month ends (latest open month: {{latest}}).',
        },
        hint: {
            fr: 'Vérifiez le mois du rapport ; envoyez-le une fois le mois terminé.',
            en: 'Check the month of the report; send it once the month is over.',
        },
    },
    NOT_A_NUMBER: {
        message: {
            fr: 'La valeur « {{value}} » n’est pas un nombre.',
            en: 'Value "{{value}}" is not a number.',
        },
        hint: {
            fr: 'Écrivez seulement des chiffres (ex. 12), sans texte ni unité ; laissez vide si inconnu.',
            en: 'Write digits only (e.g. 12), no text or unit; leave empty if unknown.',
        },
    },
    NEGATIVE_COUNT: {
        message: {
            fr: 'Nombre négatif « {{value}} » : un effectif ne peut pas être négatif.',
            en: 'Negative number "{{value}}": a count cannot be negative.',
        },
        hint: { fr: 'Corrigez le nombre (0 ou plus).', en: 'Fix the number (0 or more).' },
    },
    NOT_AN_INTEGER: {
        message: {
            fr: 'Nombre à virgule « {{value}} » pour un effectif : un nombre entier est attendu.',
            en: 'Decimal number "{{value}}" for a count: a whole number is expected.',
        },
        hint: { fr: 'Écrivez un nombre entier (ex. 12).', en: 'Write a whole number (e.g. 12).' },
    },
    WRONG_VALUE_TYPE: {
        message: {
            fr: 'La valeur « {{value}} » ne convient pas au type {{valueType}} de {{element}}.',
            en: 'Value "{{value}}" does not fit type {{valueType}} of {{element}}.',
        },
        hint: {
            fr: 'Corrigez la valeur selon le type attendu (nombre entier, pourcentage 0-100, oui/non…).',
            en: 'Fix the value to the expected type (whole number, percentage 0-100, yes/no…).',
        },
    },
    DUPLICATE_CONFLICT: {
        message: {
            fr: 'Doublon avec une autre valeur : {{element}} pour {{facility}} en {{period}} vaut « {{value}} » ici mais « {{other}} » à la ligne {{otherRow}} ; seule la ligne {{otherRow}} est gardée.',
            en: 'Duplicate with another value: {{element}} for {{facility}} in {{period}} is "{{value}}" here but "{{other}}" on row {{otherRow}}; only row {{otherRow}} is kept.',
        },
        hint: {
            fr: 'Supprimez la ligne fausse ; si c’est la ligne {{otherRow}} qui est fausse, corrigez-la et renvoyez le fichier.',
            en: 'Delete the wrong row; if row {{otherRow}} is the wrong one, fix it and send the file again.',
        },
    },
    DUPLICATE_SAME: {
        message: {
            fr: 'Ligne en double (même valeur qu’à la ligne {{otherRow}}) : envoyée une seule fois.',
            en: 'Duplicated row (same value as row {{otherRow}}): sent once.',
        },
        hint: {
            fr: 'Rien à faire ; supprimez la ligne en double pour un fichier plus clair.',
            en: 'Nothing to do; delete the duplicated row for a cleaner file.',
        },
    },
    // The run-wide wording of DUPLICATE_CONFLICT / DUPLICATE_SAME (same codes), naming both places.
    DUPLICATE_CONFLICT_PLACES: {
        message: {
            fr: 'Deux valeurs différentes pour la même case DHIS2 : {{element}} pour {{facility}} en {{period}} vaut « {{value}} » ici ({{here}}, ligne {{row}}) mais « {{other}} » dans {{there}}, ligne {{otherRow}}. Aucune des deux n’est envoyée.',
            en: 'Two different values for the same DHIS2 cell: {{element}} for {{facility}} in {{period}} is "{{value}}" here ({{here}}, row {{row}}) but "{{other}}" in {{there}}, row {{otherRow}}. Neither is sent.',
        },
        hint: {
            fr: 'Gardez la bonne valeur à un seul endroit (supprimez ou corrigez l’autre ligne, feuille ou fichier), puis renvoyez.',
            en: 'Keep the right value in one place only (delete or fix the other row, sheet or file), then send again.',
        },
    },
    DUPLICATE_SAME_PLACES: {
        message: {
            fr: 'Valeur en double (la même que dans {{there}}, ligne {{otherRow}}) : envoyée une seule fois.',
            en: 'Duplicated value (the same as in {{there}}, row {{otherRow}}): sent once.',
        },
        hint: {
            fr: 'Rien à faire ; gardez cette valeur à un seul endroit pour un envoi plus clair.',
            en: 'Nothing to do; keep this value in one place for a cleaner send.',
        },
    },
    SHEET_PERIOD_MISMATCH: {
        message: {
            fr: 'La feuille s’appelle « {{announced}} » mais {{rows}} ligne(s) portent la période {{period}} (première : ligne {{row}}) : feuille copiée d’un autre mois sans changer la période ? Ces lignes ne sont pas envoyées.',
            en: 'The sheet is named "{{announced}}" but {{rows}} row(s) carry period {{period}} (first: row {{row}}): a sheet copied from another month without changing the period? These rows are not sent.',
        },
        hint: {
            fr: 'Corrigez la colonne période de cette feuille, ou le nom de la feuille, puis renvoyez le fichier.',
            en: 'Fix the period column of this sheet, or the sheet name, then send the file again.',
        },
    },
    FILE_PERIOD_MISMATCH: {
        message: {
            fr: 'Le nom du fichier annonce « {{announced}} » mais {{rows}} ligne(s) portent la période {{period}} (première : ligne {{row}}). Elles sont envoyées pour {{period}}.',
            en: 'The file name says "{{announced}}" but {{rows}} row(s) carry period {{period}} (first: row {{row}}). They are sent for {{period}}.',
        },
        hint: {
            fr: 'Vérifiez le mois : si la période des lignes est fausse, corrigez-la et renvoyez le fichier.',
            en: 'Check the month: if the rows’ period is wrong, fix it and send the file again.',
        },
    },
    COMMENT_TOO_LONG: {
        message: {
            fr: 'Commentaire trop long ({{length}} caractères, {{max}} au plus) : DHIS2 refuserait les valeurs de cette ligne (E7620). Elles ne sont pas envoyées.',
            en: 'Comment too long ({{length}} characters, at most {{max}}): DHIS2 would refuse this row’s values (E7620). They are not sent.',
        },
        hint: {
            fr: 'Raccourcissez le commentaire, puis renvoyez le fichier.',
            en: 'Shorten the comment, then send the file again.',
        },
    },
    VALUE_TOO_LONG: {
        message: {
            fr: 'Texte trop long pour DHIS2 (plus de 50 000 caractères) : la valeur n’est pas envoyée.',
            en: 'Text too long for DHIS2 (more than 50,000 characters): the value is not sent.',
        },
        hint: {
            fr: 'Raccourcissez le texte de cette cellule, puis renvoyez le fichier.',
            en: 'Shorten the text of this cell, then send the file again.',
        },
    },
    ORG_UNIT_NOT_IN_DATA_SET: {
        message: {
            fr: 'La structure {{facility}} n’est pas rattachée au rapport {{dataSet}} dans DHIS2.',
            en: 'Facility {{facility}} is not assigned to report {{dataSet}} in DHIS2.',
        },
        hint: {
            fr: 'L’administrateur DHIS2 doit affecter le formulaire à la structure (ou corrigez le code).',
            en: 'The DHIS2 administrator must assign the data set to the facility (or fix the code).',
        },
    },
    ORG_UNIT_CLOSED: {
        message: {
            fr: 'La structure {{facility}} est fermée depuis le {{closed}}.',
            en: 'Facility {{facility}} has been closed since {{closed}}.',
        },
        hint: {
            fr: 'Vérifiez le code de la structure ; une structure fermée ne peut plus déclarer.',
            en: 'Check the facility code; a closed facility can no longer report.',
        },
    },
    NO_DATA_SET: {
        message: {
            fr: 'L’indicateur {{element}} ne fait pas partie du rapport {{dataSet}} dans DHIS2.',
            en: 'Data element {{element}} is not part of report {{dataSet}} in DHIS2.',
        },
        hint: {
            fr: 'Retirez cette ligne ou utilisez un indicateur du modèle.',
            en: 'Remove this row or use a data element from the template.',
        },
    },
    MAPPING_INVALID: {
        message: {
            fr: 'Fichier de correspondance invalide : {{detail}}',
            en: 'Invalid mapping file: {{detail}}',
        },
        hint: {
            fr: 'Corrigez le fichier de correspondance indiqué (voir docs/bridge.md).',
            en: 'Fix the mapping file named (see docs/bridge.md).',
        },
    },
    MAPPING_DATA_SET_MISSING: {
        message: {
            fr: 'Le rapport {{dataSet}} du format {{layout}} n’existe pas dans DHIS2 : les fichiers de ce format ne peuvent pas être envoyés.',
            en: 'Report {{dataSet}} of layout {{layout}} does not exist in DHIS2: files in this layout cannot be sent.',
        },
        hint: {
            fr: 'Installez les métadonnées du projet (« bridge metadata install »), ou corrigez « dataSet » dans le format {{layout}}.',
            en: 'Install the project’s metadata ("bridge metadata install"), or fix "dataSet" in layout {{layout}}.',
        },
    },
    REMOVED_VALUE: {
        message: {
            fr: '{{indicator}} de {{facility}} pour {{period}} : la valeur « {{value}} » envoyée auparavant (depuis cette ligne) ne figure plus dans le nouveau fichier ; elle reste dans DHIS2.',
            en: '{{indicator}} of {{facility}} for {{period}}: the value "{{value}}" sent before (from this row) is not in the new file; it stays in DHIS2.',
        },
        hint: {
            fr: 'Si elle doit disparaître, demandez au district de la supprimer dans DHIS2.',
            en: 'If it must go, ask the district to delete it in DHIS2.',
        },
    },
    DHIS2_CONFLICT: {
        message: {
            fr: 'DHIS2 a refusé la valeur ({{errorCode}}) : {{explanation}}',
            en: 'DHIS2 refused the value ({{errorCode}}): {{explanation}}',
        },
        hint: {
            fr: 'Corrigez la ligne indiquée puis renvoyez le fichier : seules les valeurs manquantes partiront.',
            en: 'Fix the row named, then send the file again: only the missing values will go.',
        },
    },
    DHIS2_REJECTED: {
        message: {
            fr: 'DHIS2 a ignoré la valeur sans donner de raison.',
            en: 'DHIS2 ignored the value without giving a reason.',
        },
        hint: {
            fr: 'Renvoyez le fichier ; si cela se répète, transmettez le journal (.bridge/audit.jsonl) à l’opérateur.',
            en: 'Send the file again; if it happens again, pass the log (.bridge/audit.jsonl) to the operator.',
        },
    },
    CHUNK_FAILED: {
        message: {
            fr: 'Envoi impossible après {{attempts}} tentatives : {{detail}}. Rien n’a été enregistré pour ce lot.',
            en: 'Could not send after {{attempts}} attempts: {{detail}}. Nothing was recorded for this batch.',
        },
        hint: {
            fr: 'Relancez la même commande plus tard : seules les valeurs manquantes seront envoyées.',
            en: 'Run the same command again later: only the missing values will be sent.',
        },
    },
    CHUNK_UNCERTAIN: {
        message: {
            fr: 'Pas de réponse de DHIS2 après {{attempts}} tentatives ({{detail}}) : ce lot a peut-être été enregistré, peut-être pas.',
            en: 'No answer from DHIS2 after {{attempts}} attempts ({{detail}}): this batch may or may not have been saved.',
        },
        hint: {
            fr: 'Relancez la même commande : le pont lira ce que DHIS2 a reçu et n’enverra que ce qui manque.',
            en: 'Run the same command again: the bridge will read what DHIS2 received and send only what is missing.',
        },
    },
    VALUES_OF_ROW: {
        message: {
            fr: '({{count}} valeurs de cette ligne)',
            en: '({{count}} values of this row)',
        },
    },
    PUSH_STOPPED: {
        message: {
            fr: 'DHIS2 ne répond plus : {{failed}} lots de suite ont échoué malgré les nouvelles tentatives ({{detail}}). Envoi arrêté ; {{notSent}} valeur(s) n’ont pas été envoyées.',
            en: 'DHIS2 is not answering: {{failed}} batches in a row failed despite retries ({{detail}}). Sending stopped; {{notSent}} value(s) were not sent.',
        },
        hint: {
            fr: 'Vérifiez la connexion et l’état du serveur DHIS2, puis relancez la même commande : seules les valeurs manquantes partiront.',
            en: 'Check the connection and the DHIS2 server, then run the same command again: only the missing values will go.',
        },
    },
    PUSH_ACCOUNT_REFUSED: {
        message: {
            fr: 'DHIS2 a refusé le compte du pont pendant l’envoi ({{detail}}). Envoi arrêté ; {{notSent}} valeur(s) n’ont pas été envoyées.',
            en: 'DHIS2 refused the bridge account while sending ({{detail}}). Sending stopped; {{notSent}} value(s) were not sent.',
        },
        hint: {
            fr: 'Vérifiez l’identifiant, le mot de passe et les droits du compte (saisie du formulaire, structures), puis relancez la même commande.',
            en: 'Check the account’s username, password and rights (data entry for the form, facilities), then run the same command again.',
        },
    },
    DHIS2_EDITED: {
        message: {
            fr: 'Valeur modifiée dans DHIS2 depuis l’envoi du pont : DHIS2 a « {{dhis2Value}} » (par {{storedBy}}, le {{when}}), le pont avait envoyé « {{sent}} » le {{sentAt}}, le fichier dit « {{value}} ». {{outcome}}',
            en: 'Value changed in DHIS2 since the bridge sent it: DHIS2 has "{{dhis2Value}}" (by {{storedBy}}, on {{when}}), the bridge had sent "{{sent}}" on {{sentAt}}, the file says "{{value}}". {{outcome}}',
        },
        hint: {
            fr: 'Vérifiez avec le district quelle valeur est juste. Pour remettre celle du fichier, relancez avec --overwrite-dhis2-edits.',
            en: 'Check with the district which value is right. To put the file’s value back, run again with --overwrite-dhis2-edits.',
        },
    },
    DHIS2_DELETED: {
        message: {
            fr: 'Valeur supprimée dans DHIS2 depuis l’envoi du pont : le pont avait envoyé « {{sent}} » le {{sentAt}}, DHIS2 n’a plus rien, le fichier dit « {{value}} ». {{outcome}}',
            en: 'Value deleted in DHIS2 since the bridge sent it: the bridge had sent "{{sent}}" on {{sentAt}}, DHIS2 has nothing now, the file says "{{value}}". {{outcome}}',
        },
        hint: {
            fr: 'Vérifiez avec le district pourquoi elle a été supprimée. Pour la renvoyer, relancez avec --overwrite-dhis2-edits.',
            en: 'Check with the district why it was deleted. To send it again, run again with --overwrite-dhis2-edits.',
        },
    },
    DHIS2_FOREIGN_VALUE: {
        message: {
            fr: 'DHIS2 a déjà une autre valeur, que le pont n’a pas envoyée : « {{dhis2Value}} » (par {{storedBy}}, le {{when}}) ; le fichier dit « {{value}} ». {{outcome}}',
            en: 'DHIS2 already has another value, not sent by the bridge: "{{dhis2Value}}" (by {{storedBy}}, on {{when}}); the file says "{{value}}". {{outcome}}',
        },
        hint: {
            fr: 'Vérifiez avec le district quelle valeur est juste. Pour la remplacer par celle du fichier, relancez avec --overwrite-dhis2-edits.',
            en: 'Check with the district which value is right. To replace it with the file’s value, run again with --overwrite-dhis2-edits.',
        },
    },
    DHIS2_KEPT: {
        message: { fr: 'Elle n’est pas remplacée.', en: 'It is not replaced.' },
    },
    DHIS2_OVERWRITTEN: {
        message: {
            fr: 'Celle du fichier est envoyée (--overwrite-dhis2-edits).',
            en: 'The file’s value is sent (--overwrite-dhis2-edits).',
        },
    },
    REPLACES_OTHER_SOURCE: {
        message: {
            fr: 'Cette valeur remplace « {{sent}} », envoyée le {{sentAt}} depuis un autre fichier : {{otherFile}}, ligne {{otherRow}}.',
            en: 'This value replaces "{{sent}}", sent on {{sentAt}} from another file: {{otherFile}}, row {{otherRow}}.',
        },
        hint: {
            fr: 'Si les deux fichiers donnent le même mois de la même structure, vérifiez lequel est juste.',
            en: 'If both files give the same month of the same facility, check which one is right.',
        },
    },
    DHIS2_READ_FAILED: {
        message: {
            fr: 'Le pont n’a pas pu lire ce que DHIS2 a déjà pour {{facility}} ({{detail}}) : pour cette structure, il compare avec son registre seulement.',
            en: 'The bridge could not read what DHIS2 already has for {{facility}} ({{detail}}): for this facility it compares with its ledger only.',
        },
        hint: {
            fr: 'Le compte du pont doit pouvoir lire les données des structures qu’il envoie (droit de lecture du formulaire, structures dans son périmètre).',
            en: 'The bridge account must be able to read the data of the facilities it sends (data read on the form, facilities within its scope).',
        },
    },
    STATE_LOCKED: {
        message: {
            fr: 'Un autre envoi du pont est en cours avec le même dossier d’état (processus {{pid}} sur {{host}}, depuis le {{since}}).',
            en: 'Another bridge push is running with the same state folder (process {{pid}} on {{host}}, since {{since}}).',
        },
        hint: {
            fr: 'Attendez qu’il se termine, puis relancez la commande. Si ce processus n’existe plus, supprimez le fichier push.lock du dossier d’état.',
            en: 'Wait for it to finish, then run the command again. If that process no longer exists, delete push.lock in the state folder.',
        },
    },
    PUSH_INTERRUPTED: {
        message: {
            fr: 'Envoi interrompu ({{signal}}). Déjà livrés à DHIS2 avant l’arrêt : {{values}} valeur(s) enregistrée(s), {{completions}} rapport(s) marqué(s) complet(s). Relancez la même commande pour envoyer le reste.',
            en: 'Push interrupted ({{signal}}). Already delivered to DHIS2 before the stop: {{values}} value(s) saved, {{completions}} report(s) marked complete. Run the same command again to send the rest.',
        },
    },
    PUSH_NEEDS_DHIS2: {
        message: {
            fr: 'Connexion DHIS2 nécessaire pour push : configurez DHIS2_BASE_URL et les identifiants.',
            en: 'A DHIS2 connection is needed for push: set DHIS2_BASE_URL and the credentials.',
        },
    },
    PUSH_NOTE_UNCHANGED_NOT_SENT: {
        message: {
            fr: '{{unchanged}} valeur(s) déjà dans DHIS2 sans changement n’ont pas été renvoyées.',
            en: '{{unchanged}} value(s) already in DHIS2 unchanged were not sent again.',
        },
    },
    PUSH_NOTE_NOTHING_NEW: {
        message: {
            fr: 'Rien de nouveau à envoyer : les {{unchanged}} valeurs sont déjà dans DHIS2 telles quelles.',
            en: 'Nothing new to send: all {{unchanged}} values are already in DHIS2 as they are.',
        },
    },
    PUSH_NOTE_ZEROS_NOT_STORED: {
        message: {
            fr: '{{zeros}} zéro(s) ne sont pas enregistrés : DHIS2 ne garde pas les zéros de ces indicateurs (une case vide vaut zéro).',
            en: '{{zeros}} zero(s) are not stored: DHIS2 does not keep zeros of these data elements (an empty cell means zero).',
        },
    },
    PUSH_NOTE_DHIS2_EDITS_HELD: {
        message: {
            fr: '{{held}} valeur(s) modifiée(s) dans DHIS2 par quelqu’un d’autre n’ont pas été remplacées (voir plus haut ; --overwrite-dhis2-edits pour remettre celles du fichier).',
            en: '{{held}} value(s) changed in DHIS2 by someone else were not replaced (see above; --overwrite-dhis2-edits to put the file’s values back).',
        },
    },
    PUSH_NOTE_STRICT_NOTHING_SENT: {
        message: {
            fr: 'Mode strict : {{errors}} erreur(s) dans les fichiers, rien n’a été envoyé.',
            en: 'Strict mode: {{errors}} error(s) in the files, nothing was sent.',
        },
    },
    PUSH_NOTE_NO_VALID_VALUE: {
        message: { fr: 'Aucune valeur valide à envoyer.', en: 'No valid value to send.' },
    },
    COMPLETE_REFUSED: {
        message: {
            fr: 'DHIS2 n’a pas marqué complet le rapport de {{facility}} pour {{period}} : {{explanation}}.',
            en: 'DHIS2 did not mark the report of {{facility}} for {{period}} complete: {{explanation}}.',
        },
        hint: {
            fr: 'Les valeurs acceptées sont bien dans DHIS2 ; seule la complétude manque. Corrigez la cause puis renvoyez le fichier : seul le marquage partira.',
            en: 'The accepted values are in DHIS2; only the completeness is missing. Fix the cause, then send the file again: only the registration will go.',
        },
    },
    COMPLETE_FAILED: {
        message: {
            fr: 'Impossible de marquer complet le rapport de {{facility}} pour {{period}} après {{attempts}} tentatives : {{detail}}.',
            en: 'Could not mark the report of {{facility}} for {{period}} complete after {{attempts}} attempts: {{detail}}.',
        },
        hint: {
            fr: 'Relancez la même commande plus tard : seuls les rapports non encore marqués complets partiront.',
            en: 'Run the same command again later: only the reports not yet marked complete will go.',
        },
    },
    // The DHIS2 connection and its configuration (issue 8): said in words, never a secret nor a stack.
    DHIS2_UNAUTHORIZED: {
        message: {
            fr: 'Identifiant ou mot de passe DHIS2 refusé par {{url}}.',
            en: 'DHIS2 username or password refused by {{url}}.',
        },
        hint: {
            fr: 'Vérifiez DHIS2_USERNAME et DHIS2_PASSWORD (ou le jeton DHIS2_TOKEN) : connectez-vous à DHIS2 dans un navigateur avec les mêmes identifiants pour essayer.',
            en: 'Check DHIS2_USERNAME and DHIS2_PASSWORD (or the DHIS2_TOKEN token): log in to DHIS2 in a browser with the same credentials to try them.',
        },
    },
    DHIS2_FORBIDDEN: {
        message: {
            fr: 'Le compte DHIS2 n’a pas le droit de faire cette opération sur {{url}} ({{what}}).',
            en: 'The DHIS2 account is not allowed to do this on {{url}} ({{what}}).',
        },
        hint: {
            fr: 'Demandez à l’administrateur DHIS2 de donner à ce compte le rôle du pont (lecture des métadonnées, saisie des données) et l’accès aux structures concernées.',
            en: 'Ask the DHIS2 administrator to give this account the bridge role (metadata read, data entry) and access to the facilities concerned.',
        },
    },
    DHIS2_UNREACHABLE: {
        message: {
            fr: 'DHIS2 injoignable à cette adresse : {{url}}.',
            en: 'DHIS2 cannot be reached at this address: {{url}}.',
        },
        hint: {
            fr: 'Vérifiez l’adresse (DHIS2_BASE_URL) et la connexion Internet, puis relancez la même commande.',
            en: 'Check the address (DHIS2_BASE_URL) and the Internet connection, then run the same command again.',
        },
    },
    DHIS2_TIMEOUT: {
        message: {
            fr: 'DHIS2 injoignable à cette adresse : {{url}} ne répond pas à temps.',
            en: 'DHIS2 cannot be reached at this address: {{url}} does not answer in time.',
        },
        hint: {
            fr: 'Le serveur ou la connexion est peut-être lent : relancez plus tard, ou augmentez DHIS2_TIMEOUT_MS.',
            en: 'The server or the connection may be slow: run again later, or raise DHIS2_TIMEOUT_MS.',
        },
    },
    DHIS2_NOT_DHIS2: {
        message: {
            fr: 'Cette adresse ne répond pas comme DHIS2 : {{url}} ({{what}}).',
            en: 'This address does not answer like DHIS2: {{url}} ({{what}}).',
        },
        hint: {
            fr: 'Donnez l’adresse de base de DHIS2, celle de la page de connexion sans « /dhis-web-… » (ex. https://dhis2.sante.gov.ml) ; un proxy ou une page de connexion intermédiaire peut aussi répondre à sa place.',
            en: 'Give DHIS2’s base address, the login page’s without "/dhis-web-…" (e.g. https://dhis2.sante.gov.ml); a proxy or an intermediate login page may also be answering instead.',
        },
    },
    DHIS2_SERVER_ERROR: {
        message: {
            fr: 'DHIS2 ({{url}}) a répondu par une erreur {{status}} et n’a pas pu traiter la demande.',
            en: 'DHIS2 ({{url}}) answered with error {{status}} and could not handle the request.',
        },
        hint: {
            fr: 'Relancez la même commande plus tard ; si cela se répète, prévenez l’administrateur DHIS2.',
            en: 'Run the same command again later; if it happens again, tell the DHIS2 administrator.',
        },
    },
    DHIS2_UNEXPECTED_ANSWER: {
        message: {
            fr: 'Réponse inattendue de DHIS2 pour {{what}}.',
            en: 'Unexpected answer from DHIS2 for {{what}}.',
        },
        hint: {
            fr: 'La version de DHIS2 est-elle prise en charge (2.39 à 2.42) ? Transmettez le journal à l’opérateur.',
            en: 'Is the DHIS2 version supported (2.39 to 2.42)? Pass the log to the operator.',
        },
    },
    CONFIG_NOT_FOUND: {
        message: {
            fr: 'Fichier de configuration introuvable ou illisible : {{file}}.',
            en: 'Config file not found or unreadable: {{file}}.',
        },
        hint: {
            fr: 'Vérifiez le chemin donné à --config (ou BRIDGE_CONFIG).',
            en: 'Check the path given to --config (or BRIDGE_CONFIG).',
        },
    },
    CONFIG_SYNTAX: {
        message: {
            fr: 'Fichier de configuration {{file}} mal écrit : erreur de syntaxe JSON ligne {{line}}, colonne {{column}}.',
            en: 'Config file {{file}} is malformed: JSON syntax error at line {{line}}, column {{column}}.',
        },
        hint: {
            fr: 'Ouvrez le fichier à cet endroit : une virgule, un guillemet ou une accolade manque souvent.',
            en: 'Open the file at that place: a comma, a quote or a brace is often missing.',
        },
    },
    CONFIG_INVALID: {
        message: {
            fr: 'Fichier de configuration {{file}} invalide : champ(s) {{fields}}.',
            en: 'Invalid config file {{file}}: field(s) {{fields}}.',
        },
        hint: {
            fr: 'Champs attendus : baseUrl (texte), username et password (texte) ou token (texte), timeoutMs (nombre).',
            en: 'Expected fields: baseUrl (text), username and password (text) or token (text), timeoutMs (number).',
        },
    },
    CONFIG_NO_URL: {
        message: {
            fr: 'Adresse DHIS2 manquante.',
            en: 'DHIS2 address missing.',
        },
        hint: {
            fr: 'Définissez DHIS2_BASE_URL (ex. https://dhis2.sante.gov.ml) ou donnez --config <fichier>.',
            en: 'Set DHIS2_BASE_URL (e.g. https://dhis2.sante.gov.ml) or pass --config <file>.',
        },
    },
    CONFIG_BAD_URL: {
        message: {
            fr: 'Adresse DHIS2 invalide ({{where}}) : une adresse commençant par https:// est attendue.',
            en: 'Invalid DHIS2 address ({{where}}): an address starting with https:// is expected.',
        },
        hint: {
            fr: 'Exemple : https://dhis2.sante.gov.ml',
            en: 'Example: https://dhis2.sante.gov.ml',
        },
    },
    CONFIG_NO_CREDENTIALS: {
        message: {
            fr: 'Identifiants DHIS2 manquants.',
            en: 'DHIS2 credentials missing.',
        },
        hint: {
            fr: 'Définissez DHIS2_TOKEN, ou DHIS2_USERNAME et DHIS2_PASSWORD (ou les champs du fichier --config).',
            en: 'Set DHIS2_TOKEN, or DHIS2_USERNAME and DHIS2_PASSWORD (or the fields of the --config file).',
        },
    },
    CONFIG_URL_CREDENTIALS: {
        message: {
            fr: 'Identifiant et mot de passe retirés de l’adresse DHIS2 ({{where}}) : ils ne sont écrits nulle part.',
            en: 'Username and password removed from the DHIS2 address ({{where}}): they are written nowhere.',
        },
        hint: {
            fr: 'Mettez-les plutôt dans DHIS2_USERNAME et DHIS2_PASSWORD, et l’adresse seule dans DHIS2_BASE_URL.',
            en: 'Put them in DHIS2_USERNAME and DHIS2_PASSWORD instead, and the address alone in DHIS2_BASE_URL.',
        },
    },
    CONFIG_INSECURE_HTTP: {
        message: {
            fr: 'Connexion non chiffrée (http://) à {{host}} : le mot de passe circule en clair sur le réseau.',
            en: 'Unencrypted connection (http://) to {{host}}: the password travels in clear over the network.',
        },
        hint: {
            fr: 'Utilisez l’adresse en https:// de ce DHIS2.',
            en: 'Use this DHIS2’s https:// address.',
        },
    },
    CONFIG_FILE_READABLE: {
        message: {
            fr: 'Le fichier de configuration {{file}} (avec le mot de passe) est lisible par d’autres comptes de cet ordinateur.',
            en: 'The config file {{file}} (holding the password) is readable by other accounts of this computer.',
        },
        hint: { fr: 'Protégez-le : chmod 600 {{file}}', en: 'Protect it: chmod 600 {{file}}' },
    },
    SOURCE_KIND_UNKNOWN: {
        message: {
            fr: 'Type de source inconnu : « {{kind}} ».',
            en: 'Unknown source kind: "{{kind}}".',
        },
        hint: {
            fr: 'Choisissez --source parmi : {{known}}.',
            en: 'Choose --source among: {{known}}.',
        },
    },
    LAYOUT_UNKNOWN: {
        message: {
            fr: 'Format inconnu pour la source {{kind}} : « {{layout}} ».',
            en: 'Unknown layout for source {{kind}}: "{{layout}}".',
        },
        hint: {
            fr: 'Choisissez --layout parmi : {{known}} ; ou ne le donnez pas, le format sera reconnu.',
            en: 'Choose --layout among: {{known}}; or leave it out, the layout will be detected.',
        },
    },
    LAYOUT_NONE: {
        message: {
            fr: 'Aucun format de fichier n’est défini pour la source {{kind}} (dossier {{dir}}).',
            en: 'No file layout is defined for source {{kind}} (folder {{dir}}).',
        },
        hint: {
            fr: 'Vérifiez le dossier des correspondances (--mappings).',
            en: 'Check the mappings folder (--mappings).',
        },
    },
    REGISTRY_MISSING_COLUMN: {
        message: {
            fr: 'Colonne obligatoire absente du registre des structures : « {{column}} ».',
            en: 'Required column missing from the facility registry: "{{column}}".',
        },
        hint: {
            fr: 'Ajoutez cette colonne en première ligne ; titres reconnus : {{titles}}.',
            en: 'Add this column in the first row; recognised titles: {{titles}}.',
        },
    },
    STATE_LOCK_RACE: {
        message: {
            fr: 'Le verrou de l’état du pont ({{path}}) n’a pas pu être pris : un autre envoi vient de le prendre.',
            en: 'The bridge state lock ({{path}}) could not be taken: another push has just taken it.',
        },
        hint: {
            fr: 'Attendez la fin de l’autre envoi, puis relancez la commande.',
            en: 'Wait for the other push to finish, then run the command again.',
        },
    },
    METADATA_PACKAGE_NOT_OBJECT: {
        message: {
            fr: 'Le paquet de métadonnées n’est pas un objet JSON.',
            en: 'The metadata package is not a JSON object.',
        },
        hint: {
            fr: 'Donnez le paquet du projet (mappings/metadata/dhis2-metadata-package.json) ou un export de métadonnées DHIS2.',
            en: 'Give the project’s package (mappings/metadata/dhis2-metadata-package.json) or a DHIS2 metadata export.',
        },
    },
    METADATA_NEEDED: {
        message: {
            fr: 'Les métadonnées DHIS2 sont nécessaires pour vérifier les fichiers.',
            en: 'DHIS2 metadata is needed to check the files.',
        },
        hint: {
            fr: 'Configurez DHIS2_BASE_URL (et les identifiants), ou donnez --metadata <fichier>.',
            en: 'Set DHIS2_BASE_URL (and the credentials), or pass --metadata <file>.',
        },
    },
    METADATA_REFRESHED: {
        message: {
            fr: '{{file}} : {{dataElements}} éléments de données, {{dataSets}} formulaires, {{organisationUnits}} unités d’organisation (DHIS2 {{serverVersion}})',
            en: '{{file}}: {{dataElements}} data elements, {{dataSets}} data sets, {{organisationUnits}} org units (DHIS2 {{serverVersion}})',
        },
    },
    FACILITIES_MATCHED: {
        message: {
            fr: '{{total}} structures : {{proposed}} proposées, {{toReview}} à relire, {{unmatched}} sans correspondance (dont {{unknownDistrict}} au district inconnu).',
            en: '{{total}} facilities: {{proposed}} proposed, {{toReview}} to review, {{unmatched}} unmatched ({{unknownDistrict}} with an unknown district).',
        },
    },
    FACILITIES_MATCH_FILES: {
        message: {
            fr: 'Correspondances à relire : {{mapping}} · rapport : {{review}} · métadonnées de création ({{created}} unités) : {{creation}}',
            en: 'Mapping to review: {{mapping}} · report: {{review}} · creation metadata ({{created}} units): {{creation}}',
        },
    },
    METADATA_CACHE_INVALID: {
        message: {
            fr: 'Fichier de métadonnées invalide ou d’un autre format : {{file}}.',
            en: 'Invalid metadata file, or of another format: {{file}}.',
        },
        hint: {
            fr: 'Produisez-le à nouveau avec « bridge refresh-metadata --out <fichier> ».',
            en: 'Produce it again with "bridge refresh-metadata --out <file>".',
        },
    },
    INTAKE_TOO_MANY_ROWS: {
        message: {
            fr: 'Le fichier a {{rows}} lignes, plus que les {{max}} acceptées en un seul envoi : rien n’a été enregistré.',
            en: 'The file has {{rows}} rows, more than the {{max}} accepted in one submission: nothing was recorded.',
        },
        hint: {
            fr: 'Envoyez un fichier par mois et par structure, ou découpez le registre en plusieurs fichiers.',
            en: 'Send one file per month and facility, or split the register into several files.',
        },
    },
    INTAKE_NO_VALUE: {
        message: {
            fr: 'Aucune valeur à enregistrer : le fichier ne contient aucune valeur valide.',
            en: 'Nothing to record: the file holds no valid value.',
        },
        hint: {
            fr: 'Vérifiez que le fichier suit le modèle (une ligne par indicateur et ventilation) et qu’il est rempli.',
            en: 'Check that the file follows the template (one row per indicator and disaggregation) and is filled in.',
        },
    },
    INTAKE_UNKNOWN_FIELD: {
        message: {
            fr: 'Le champ « {{field}} » ne fait pas partie de ce formulaire : rien n’a été enregistré.',
            en: 'Field "{{field}}" is not part of this form: nothing was recorded.',
        },
        hint: {
            fr: 'Rechargez la page du formulaire et saisissez à nouveau les valeurs.',
            en: 'Reload the form page and type the values again.',
        },
    },
    INTAKE_STATE_RECEIVED: {
        message: {
            fr: 'Reçu et enregistré ; l’envoi à DHIS2 va suivre.',
            en: 'Received and stored; it is being sent to DHIS2.',
        },
    },
    INTAKE_STATE_DELIVERED: {
        message: {
            fr: 'Dans DHIS2 : {{values}} valeur(s) enregistrée(s).',
            en: 'In DHIS2: {{values}} value(s) stored.',
        },
    },
    INTAKE_STATE_PARTLY_REFUSED: {
        message: {
            fr: 'Dans DHIS2 en partie : {{delivered}} valeur(s) enregistrée(s), {{refused}} refusée(s) (voir ci-dessous).',
            en: 'Partly in DHIS2: {{delivered}} value(s) stored, {{refused}} refused (see below).',
        },
        hint: {
            fr: 'Corrigez les valeurs refusées et déposez à nouveau le rapport du mois.',
            en: 'Correct the refused values and submit the month’s report again.',
        },
    },
    INTAKE_STATE_WAITING_UNAVAILABLE: {
        message: {
            fr: 'En attente : DHIS2 ne répond pas pour le moment ({{attempts}} essai(s)). Le rapport est bien enregistré et partira tout seul ; prochain essai vers {{next}} (UTC).',
            en: 'Waiting: DHIS2 is not answering at the moment ({{attempts}} attempt(s)). The report is safely stored and will go by itself; next attempt around {{next}} (UTC).',
        },
    },
    INTAKE_STATE_WAITING_ACCOUNT: {
        message: {
            fr: 'En attente : DHIS2 refuse le compte de service de la passerelle ({{attempts}} essai(s)). Le rapport est bien enregistré ; l’administrateur est prévenu par le journal. Prochain essai vers {{next}} (UTC).',
            en: 'Waiting: DHIS2 refuses the bridge’s service account ({{attempts}} attempt(s)). The report is safely stored; the administrator sees it in the log. Next attempt around {{next}} (UTC).',
        },
        hint: {
            fr: 'Rien à faire de votre côté.',
            en: 'Nothing to do on your side.',
        },
    },
    // `bridge metadata install`: its report, one line each
    INSTALL_UP_TO_DATE: {
        message: {
            fr: 'Rien à changer : DHIS2 contient déjà tout le paquet ({{n}} objets identiques).',
            en: 'Nothing to change: DHIS2 already holds the whole package ({{n}} identical objects).',
        },
    },
    INSTALL_PLAN: {
        message: {
            fr: 'À créer : {{create}} · à mettre à jour : {{update}} · inchangés : {{unchanged}}',
            en: 'To create: {{create}} · to update: {{update}} · unchanged: {{unchanged}}',
        },
    },
    INSTALL_CREATE: {
        message: {
            fr: '  + créer {{collection}} {{label}}',
            en: '  + create {{collection}} {{label}}',
        },
    },
    INSTALL_UPDATE: {
        message: {
            fr: '  ~ mettre à jour {{collection}} {{label}} ({{properties}})',
            en: '  ~ update {{collection}} {{label}} ({{properties}})',
        },
    },
    INSTALL_VALIDATED: {
        message: {
            fr: 'Validation DHIS2 (VALIDATE) : {{status}}',
            en: 'DHIS2 validation (VALIDATE): {{status}}',
        },
    },
    INSTALL_COMMITTED: {
        message: {
            fr: 'Import (COMMIT) : {{status}} — créés {{created}}, mis à jour {{updated}}, ignorés {{ignored}}',
            en: 'Import (COMMIT): {{status}} — created {{created}}, updated {{updated}}, ignored {{ignored}}',
        },
    },
    INSTALL_DRY_RUN: {
        message: {
            fr: 'Essai à blanc : rien n’a été importé.',
            en: 'Dry run: nothing was imported.',
        },
    },
    INSTALL_ERROR: {
        message: {
            fr: '  ✗ {{klass}} {{uid}} : {{message}}',
            en: '  ✗ {{klass}} {{uid}}: {{message}}',
        },
    },
    INSTALL_OPTION_COMBOS_MISSING: {
        message: {
            fr: 'Combinaisons d’options manquantes : {{before}} ; générées par DHIS2, il en manque encore {{after}}.',
            en: 'Missing category option combos: {{before}}; generated by DHIS2, {{after}} still missing.',
        },
    },
    INSTALL_OPTION_COMBOS_OK: {
        message: {
            fr: 'Combinaisons d’options de catégories : toutes présentes.',
            en: 'Category option combos: all present.',
        },
    },
    // `bridge serve`, said to the operator who started it
    SERVE_READY: {
        message: {
            fr: 'Service de dépôt prêt : {{url}} (Ctrl+C pour arrêter)',
            en: 'Intake service ready: {{url}} (Ctrl+C to stop)',
        },
    },
    SERVE_STOPPING: {
        message: { fr: 'Arrêt du service…', en: 'Stopping the service…' },
    },
    // Any command stopped by an error, on stderr
    COMMAND_FAILED: {
        message: { fr: 'Erreur : {{detail}}', en: 'Error : {{detail}}' },
    },
    // The tag before a line of the report, an issue or a configuration warning
    TAG_ERROR: {
        message: { fr: 'ERREUR', en: 'ERROR' },
    },
    TAG_WARNING: {
        message: { fr: 'ATTENTION', en: 'WARNING' },
    },
    // `bridge mappings check`: the last line
    DRIFT_SUMMARY: {
        message: {
            fr: '{{checked}} objets vérifiés : {{errors}} erreur(s), {{warnings}} avertissement(s).',
            en: '{{checked}} objects checked: {{errors}} error(s), {{warnings}} warning(s).',
        },
    },
    DRIFT_BLOCKING: {
        message: {
            fr: 'Corrigez les correspondances avant d’envoyer les données du mois.',
            en: 'Fix the mappings before sending the month’s data.',
        },
    },
    UNEXPECTED_FAILURE: {
        message: {
            fr: 'Le pont s’est arrêté sur une erreur inattendue ({{detail}}).',
            en: 'The bridge stopped on an unexpected error ({{detail}}).',
        },
        hint: {
            fr: 'Relancez la commande ; si cela se répète, transmettez ce message à l’opérateur.',
            en: 'Run the command again; if it happens again, pass this message to the operator.',
        },
    },
} satisfies Record<string, Entry>

/** A code of the catalogue: asking for any other fails to type-check. */
export type MessageCode = keyof typeof MESSAGES

export function interpolate(template: string, params: Params): string {
    return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
        const v = params[name]
        return v === undefined ? '' : String(v)
    })
}

export function localize(text: Localized, params: Params = {}): Localized {
    return { fr: interpolate(text.fr, params), en: interpolate(text.en, params) }
}

/** The message and hint of an issue code, filled with its parameters. */
export function messageFor(code: MessageCode, params: Params = {}): { message: Localized; hint?: Localized } {
    const entry: Entry = MESSAGES[code]
    const out: { message: Localized; hint?: Localized } = { message: localize(entry.message, params) }
    if (entry.hint) out.hint = localize(entry.hint, params)
    return out
}

/** The message of a code in one language: for the shells' own lines. */
export function say(code: MessageCode, lang: Lang, params: Params = {}): string {
    return messageFor(code, params).message[lang]
}

export function pick(text: Localized, lang: Lang): string {
    return text[lang]
}
