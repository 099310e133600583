import i18n from '@dhis2/d2-i18n'

/**
 * Translations are rendered as text, by React (which escapes them already) or into the CSV export, never as
 * HTML. i18next escapes interpolated values for HTML by default, so a French name with an apostrophe would
 * show as `d&#39;accouchements`. @dhis2/d2-i18n initialises i18next itself, hence the change after the fact:
 * the interpolator re-reads these options on reset, including after each call with its own options.
 */
export function renderTranslationsAsText(): void {
    const interpolation = i18n.options.interpolation ?? {}
    interpolation.escapeValue = false
    i18n.options.interpolation = interpolation
    i18n.services.interpolator.reset()
}

renderTranslationsAsText()
