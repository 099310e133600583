// The frame around every page: language, title, the navigation of a logged-in person, and the
// language switch (a plain link: the choice is remembered in a cookie, no script needed).
import { html, type SafeHtml } from './html.js'
import { t, type Lang } from './messages.js'
import type { SessionUser } from './sessions.js'

export type NavItem = 'reports' | 'upload' | 'form' | null

export interface PageFrame {
    lang: Lang
    title: string
    /** The path of this page, for the language switch link. */
    path: string
    user?: SessionUser | undefined
    /** A CSRF token for the logout form (every POST carries one). */
    csrf?: string | undefined
    nav?: NavItem
}

function switchHref(path: string, lang: Lang): string {
    const url = new URL(path, 'http://x')
    url.searchParams.set('lang', lang === 'fr' ? 'en' : 'fr')
    return url.pathname + url.search
}

export function page(frame: PageFrame, body: SafeHtml): string {
    const { lang, user } = frame
    const current = (item: NavItem) => (frame.nav === item ? html` aria-current="page"` : '')
    const nav = user
        ? html`<nav aria-label="${t(lang, 'appName')}">
              <a href="/rapports" ${current('reports')}>${t(lang, 'navReports')}</a>
              <a href="/envoyer" ${current('upload')}>${t(lang, 'navUpload')}</a>
              <a href="/formulaire" ${current('form')}>${t(lang, 'navForm')}</a>
          </nav>`
        : ''
    const who = user
        ? html`<span class="who">${t(lang, 'connectedAs', { name: user.displayName })}</span>
              <form class="inline" method="post" action="/deconnexion">
                  <input type="hidden" name="_csrf" value="${frame.csrf ?? ''}" />
                  <button class="link" type="submit">${t(lang, 'logout')}</button>
              </form>`
        : ''
    return (
        '<!doctype html>\n' +
        html`<html lang="${lang}">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>${frame.title} — ${t(lang, 'appName')}</title>
                <link rel="stylesheet" href="/static/intake.css" />
            </head>
            <body>
                <a class="skip" href="#main">${t(lang, 'skipToContent')}</a>
                <header class="top">
                    <div class="row">
                        <span class="brand">${t(lang, 'appName')}</span>
                        <a href="${switchHref(frame.path, lang)}" lang="${lang === 'fr' ? 'en' : 'fr'}"
                            >${t(lang, 'switchLang')}</a
                        >
                    </div>
                    ${user ? html`<div class="row">${who}</div>` : ''} ${nav}
                </header>
                <main id="main">${body}</main>
            </body>
        </html>`.value
    )
}
