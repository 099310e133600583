import i18n from '@dhis2/d2-i18n'
import { join } from 'node:path'
import { I18N_DIR, readPo } from './po'

// What the generated src/locales/ does in the built app, done from the .po files so tests need no build.
const NAMESPACE = 'default'
i18n.setDefaultNamespace(NAMESPACE)
i18n.addResourceBundle('fr', NAMESPACE, Object.fromEntries(readPo(join(I18N_DIR, 'fr.po'))), true, true)

export async function useLanguage(language: 'fr' | 'en'): Promise<void> {
    await i18n.changeLanguage(language)
}
