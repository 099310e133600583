// The intake's pages as HTML, one function per page. Pure: the routes (app.ts) ask the service and
// hand the answers here. Every word comes from messages.ts or, for the pipeline's issues, from the
// service, already in the person's language.
import type {
    FormModel,
    IntakeIssue,
    IntakeOrgUnit,
    MonthStatus,
    MyReports,
    SubmissionState,
    SubmissionView,
} from '../service.js'
import { monthLabel } from '../expected-months.js'
import { html, type SafeHtml } from './html.js'
import { page, type PageFrame } from './layout.js'
import { sizeLabel, t, type Lang, type MessageKey } from './messages.js'

type Frame = Omit<PageFrame, 'title' | 'nav'>

const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}" />`

// Intl formatters are costly to build (a fraction of a millisecond each): one per language, reused
const dateFormats = new Map<Lang, Intl.DateTimeFormat>()
const numberFormats = new Map<Lang, Intl.NumberFormat>()

/** Times as people in Mali read them: Mali keeps UTC all year. */
function when(iso: string, lang: Lang): string {
    const date = new Date(iso)
    if (Number.isNaN(date.getTime())) return iso
    let format = dateFormats.get(lang)
    if (!format) {
        format = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
            dateStyle: 'long',
            timeStyle: 'short',
            timeZone: 'UTC',
        })
        dateFormats.set(lang, format)
    }
    return format.format(date)
}

function numberFormat(lang: Lang): Intl.NumberFormat {
    let format = numberFormats.get(lang)
    if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB')))
    return format
}

function notice(kind: 'error' | 'ok' | 'info', text: string): SafeHtml {
    return html`<p class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${text}</p>`
}

// --- login -------------------------------------------------------------------------------------------

export function loginPage(
    frame: Frame,
    options: { csrf: string; username?: string; message?: { kind: 'error' | 'info'; text: string } }
): string {
    const { lang } = frame
    return page(
        { ...frame, title: t(lang, 'loginTitle'), nav: null },
        html`<h1>${t(lang, 'loginTitle')}</h1>
            ${options.message ? notice(options.message.kind, options.message.text) : ''}
            <form class="card" method="post" action="/connexion">
                ${csrfField(options.csrf)}
                <p class="hint">${t(lang, 'loginIntro')}</p>
                <label for="username">${t(lang, 'username')}</label>
                <input
                    id="username"
                    name="username"
                    type="text"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    required
                    value="${options.username ?? ''}"
                />
                <label for="password">${t(lang, 'password')}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                />
                <button type="submit">${t(lang, 'loginButton')}</button>
            </form>`
    )
}

// --- Mes rapports ------------------------------------------------------------------------------------

const MONTH_STATUS: Record<MonthStatus['status'], MessageKey> = {
    missing: 'monthMissing',
    received: 'monthReceived',
    'in-dhis2': 'monthInDhis2',
    'partly-refused': 'monthPartlyRefused',
    waiting: 'monthWaiting',
}

const STATE: Record<SubmissionState, MessageKey> = {
    received: 'stateReceived',
    waiting: 'stateWaiting',
    delivered: 'stateDelivered',
    'partly-refused': 'statePartlyRefused',
}

function stateBadge(state: SubmissionState, lang: Lang): SafeHtml {
    return html`<span class="badge ${state}">${t(lang, STATE[state])}</span>`
}

/** A facility's own figures over its last months: the reporting gives something back. */
function figuresTable(lang: Lang, figures: MyReports['facilities'][number]['figures']): SafeHtml {
    if (figures === undefined) return html``
    if (figures === null) return html`<p class="hint">${t(lang, 'figuresUnavailable')}</p>`
    if (figures.rows.length === 0) return html`<p class="hint">${t(lang, 'figuresNone')}</p>`
    const number = numberFormat(lang)
    return html`<div class="scroll" data-test="figures">
        <table>
            <thead>
                <tr>
                    <th>${t(lang, 'indicator')}</th>
                    ${figures.months.map((m) => html`<th class="num">${m.label}</th>`)}
                </tr>
            </thead>
            <tbody>
                ${figures.rows.map(
                    (r) =>
                        html`<tr>
                            <td>${r.label}</td>
                            ${r.values.map((v) => html`<td class="num">${v === null ? '—' : number.format(v)}</td>`)}
                        </tr>`
                )}
            </tbody>
        </table>
    </div>`
}

export function reportsPage(frame: Frame, reports: MyReports): string {
    const { lang } = frame
    const facilities = reports.facilities.map(
        ({ orgUnit, months, figures }) =>
            html`<section class="card">
                <h2>${orgUnit.name}</h2>
                ${
                    months.length === 0
                        ? html`<p class="hint">${t(lang, 'noMonth')}</p>`
                        : html`<table>
                              <thead>
                                  <tr>
                                      <th>${t(lang, 'month')}</th>
                                      <th>${t(lang, 'status')}</th>
                                      <th></th>
                                  </tr>
                              </thead>
                              <tbody>
                                  ${months.map(
                                      (m) =>
                                          html`<tr>
                                              <td>${m.label}</td>
                                              <td>
                                                  <span class="badge ${m.status}"
                                                      >${t(lang, MONTH_STATUS[m.status])}</span
                                                  >
                                              </td>
                                              <td>
                                                  ${
                                                      m.reference
                                                          ? html`<a
                                                                href="/recu/${encodeURIComponent(m.reference)}"
                                                                >${m.reference}</a
                                                            >`
                                                          : html`<a
                                                                href="/formulaire?orgUnit=${encodeURIComponent(
                                                                    orgUnit.id
                                                                )}&amp;period=${encodeURIComponent(m.period)}"
                                                                >${t(lang, 'submitThisMonth')}</a
                                                            >`
                                                  }
                                              </td>
                                          </tr>`
                                  )}
                              </tbody>
                          </table>`
                }
                <h3>${t(lang, 'figuresTitle')}</h3>
                ${figuresTable(lang, figures)}
            </section>`
    )
    const history =
        reports.submissions.length === 0
            ? html`<p class="hint">${t(lang, 'noSubmission')}</p>`
            : html`<table>
                  <thead>
                      <tr>
                          <th>${t(lang, 'reference')}</th>
                          <th class="optional">${t(lang, 'receivedAt')}</th>
                          <th class="optional">${t(lang, 'file')}</th>
                          <th>${t(lang, 'status')}</th>
                      </tr>
                  </thead>
                  <tbody>
                      ${reports.submissions.map(
                          (s) =>
                              html`<tr>
                                  <td>
                                      <a href="/recu/${encodeURIComponent(s.reference)}">${s.reference}</a>
                                  </td>
                                  <td class="optional">${when(s.receivedAt, lang)}</td>
                                  <td class="optional">${s.fileName ?? t(lang, 'onlineForm')}</td>
                                  <td>${stateBadge(s.state, lang)}</td>
                              </tr>`
                      )}
                  </tbody>
              </table>`
    return page(
        { ...frame, title: t(lang, 'reportsTitle'), nav: 'reports' },
        html`<h1>${t(lang, 'reportsTitle')}</h1>
            <p>${t(lang, 'reportsIntro')}</p>
            ${reports.facilities.length === 0 ? notice('info', t(lang, 'noFacility')) : facilities}
            <h2>${t(lang, 'historyTitle')}</h2>
            ${history}`
    )
}

// --- issues ------------------------------------------------------------------------------------------

/** Where an issue is, in the person's words: « fichier x.xlsx, feuille « Janvier », ligne 12, colonne D ». */
export function issueWhere(issue: IntakeIssue, lang: Lang, fieldLabel?: (key: string) => string | undefined) {
    const parts: string[] = []
    if (issue.file) parts.push(t(lang, 'whereFile', { file: issue.file }))
    if (issue.sheet) parts.push(t(lang, 'whereSheet', { sheet: issue.sheet }))
    if (issue.row !== undefined) parts.push(t(lang, 'whereRow', { row: issue.row }))
    if (issue.column) parts.push(t(lang, 'whereColumn', { column: issue.column }))
    if (issue.field) parts.push(t(lang, 'whereField', { field: fieldLabel?.(issue.field) ?? issue.field }))
    return parts.join(', ')
}

export function issueList(
    issues: IntakeIssue[],
    lang: Lang,
    fieldLabel?: (key: string) => string | undefined
) {
    return html`<ul class="issues">
        ${issues.map((issue) => {
            const where = issueWhere(issue, lang, fieldLabel)
            return html`<li class="${issue.severity}">
                <span class="where"
                    >${t(lang, issue.severity === 'error' ? 'issueError' : 'issueWarning')}${
                        where ? ` — ${where}` : ''
                    }</span
                >
                ${issue.message} ${issue.hint ? html`<span class="hint">→ ${issue.hint}</span>` : ''}
            </li>`
        })}
    </ul>`
}

// --- upload ------------------------------------------------------------------------------------------

export type SourceKind = 'facility-report' | 'lab' | 'mutuelle'
export const SOURCE_KINDS: SourceKind[] = ['facility-report', 'lab', 'mutuelle']
const SOURCE_LABEL: Record<SourceKind, MessageKey> = {
    'facility-report': 'sourceFacilityReport',
    lab: 'sourceLab',
    mutuelle: 'sourceMutuelle',
}

export function uploadPage(
    frame: Frame & { csrf: string },
    options: {
        maxBytes: number
        source?: SourceKind
        allowPartial?: boolean
        message?: string
        issues?: IntakeIssue[]
    }
): string {
    const { lang } = frame
    const source = options.source ?? 'facility-report'
    const refused = options.issues !== undefined
    return page(
        { ...frame, title: refused ? t(lang, 'refusedTitle') : t(lang, 'uploadTitle'), nav: 'upload' },
        html`<h1>${refused ? t(lang, 'refusedTitle') : t(lang, 'uploadTitle')}</h1>
            ${options.message ? notice('error', options.message) : ''}
            ${
                refused
                    ? html`${notice('error', t(lang, 'refusedIntro'))}
                          <section aria-labelledby="issues-title">
                              <h2 id="issues-title">${t(lang, 'issuesTitle')}</h2>
                              ${issueList(options.issues ?? [], lang)}
                          </section>
                          <h2>${t(lang, 'tryAgain')}</h2>`
                    : ''
            }
            <form class="card" method="post" action="/envoyer" enctype="multipart/form-data">
                ${csrfField(frame.csrf)}
                <p class="hint">${t(lang, 'uploadIntro', { max: sizeLabel(options.maxBytes, lang) })}</p>
                <label for="source">${t(lang, 'sourceKind')}</label>
                <select id="source" name="source">
                    ${SOURCE_KINDS.map(
                        (kind) =>
                            html`<option value="${kind}" ${kind === source ? html` selected` : ''}>
                                ${t(lang, SOURCE_LABEL[kind])}
                            </option>`
                    )}
                </select>
                <label for="file">${t(lang, 'chooseFile')}</label>
                <input id="file" name="file" type="file" accept=".xlsx,.csv,.json,.txt" required />
                <label class="check"
                    ><input
                        type="checkbox"
                        name="allowPartial"
                        value="1"
                        ${options.allowPartial ? html` checked` : ''}
                    />
                    <span
                        >${t(lang, 'allowPartial')}<br /><span class="hint"
                            >${t(lang, 'allowPartialHint')}</span
                        ></span
                    >
                </label>
                <button type="submit">${t(lang, 'send')}</button>
            </form>`
    )
}

// --- form --------------------------------------------------------------------------------------------

export function formChooserPage(
    frame: Frame,
    options: { facilities: IntakeOrgUnit[]; periods: Array<{ period: string; label: string }> }
): string {
    const { lang } = frame
    return page(
        { ...frame, title: t(lang, 'formTitle'), nav: 'form' },
        html`<h1>${t(lang, 'formTitle')}</h1>
            ${
                options.facilities.length === 0
                    ? notice('info', t(lang, 'noFacility'))
                    : html`<form class="card" method="get" action="/formulaire">
                          <p class="hint">${t(lang, 'formChooseIntro')}</p>
                          <label for="orgUnit">${t(lang, 'facility')}</label>
                          <select id="orgUnit" name="orgUnit">
                              ${options.facilities.map((ou) => html`<option value="${ou.id}">${ou.name}</option>`)}
                          </select>
                          <label for="period">${t(lang, 'month')}</label>
                          <select id="period" name="period">
                              ${options.periods.map((p) => html`<option value="${p.period}">${p.label}</option>`)}
                          </select>
                          <button type="submit">${t(lang, 'open')}</button>
                      </form>`
            }`
    )
}

export function formPage(
    frame: Frame & { csrf: string },
    model: FormModel,
    options: { values?: Record<string, string>; issues?: IntakeIssue[]; allowPartial?: boolean } = {}
): string {
    const { lang } = frame
    const issues = options.issues ?? []
    const byField = new Map<string, IntakeIssue[]>()
    const general: IntakeIssue[] = []
    for (const issue of issues) {
        if (issue.field) byField.set(issue.field, [...(byField.get(issue.field) ?? []), issue])
        else general.push(issue)
    }
    const valueOf = (key: string, current: string | null) => options.values?.[key] ?? current ?? ''
    const title = t(lang, 'formFor', {
        dataSet: model.dataSetName,
        orgUnit: model.orgUnit.name,
        period: model.periodLabel,
    })
    return page(
        { ...frame, title: t(lang, 'formTitle'), nav: 'form' },
        html`<h1>${title}</h1>
            ${issues.some((i) => i.severity === 'error') ? notice('error', t(lang, 'refusedFormIntro')) : ''}
            ${general.length > 0 ? issueList(general, lang) : ''}
            <form method="post" action="/formulaire">
                ${csrfField(frame.csrf)}
                <input type="hidden" name="orgUnit" value="${model.orgUnit.id}" />
                <input type="hidden" name="period" value="${model.period}" />
                <p class="hint">${t(lang, 'formHint')}</p>
                ${model.sections.map(
                    (section) =>
                        html`<fieldset>
                            <legend>${section.name}</legend>
                            ${section.fields.map((field) => {
                                const errors = byField.get(field.key) ?? []
                                const errorId = `${field.key}-error`
                                return html`<label for="${field.key}">${field.label}</label>
                                    <input
                                        id="${field.key}"
                                        name="${field.key}"
                                        type="text"
                                        inputmode="${
                                            field.valueType.includes('INTEGER') ||
                                            field.valueType === 'NUMBER'
                                                ? 'numeric'
                                                : 'text'
                                        }"
                                        value="${valueOf(field.key, field.current)}"
                                        ${
                                            errors.length > 0
                                                ? html`aria-invalid="true" aria-describedby="${errorId}"`
                                                : ''
                                        }
                                    />
                                    ${
                                        errors.length > 0
                                            ? html`<p class="field-error" id="${errorId}">
                                                  ${errors.map(
                                                      (e) =>
                                                          html`${e.message}${e.hint ? html` <span>→ ${e.hint}</span>` : ''} `
                                                  )}
                                              </p>`
                                            : ''
                                    }`
                            })}
                        </fieldset>`
                )}
                <label class="check"
                    ><input
                        type="checkbox"
                        name="allowPartial"
                        value="1"
                        ${options.allowPartial ? html` checked` : ''}
                    />
                    <span
                        >${t(lang, 'allowPartial')}<br /><span class="hint"
                            >${t(lang, 'allowPartialHint')}</span
                        ></span
                    >
                </label>
                <button type="submit">${t(lang, 'send')}</button>
            </form>`
    )
}

// --- receipt -----------------------------------------------------------------------------------------

export function receiptPage(frame: Frame, view: SubmissionView, notSent: IntakeIssue[] = []): string {
    const { lang } = frame
    const r = view.receipt
    const periods = r.periods.map((p) => monthLabel(p, lang)).join(', ')
    const stateText =
        view.state === 'waiting'
            ? html`<p class="hint">${t(lang, 'stateWaitingHint')}</p>`
            : view.stateDetail
              ? html`<p class="hint">${view.stateDetail}</p>`
              : ''
    return page(
        { ...frame, title: `${t(lang, 'receiptTitle')} ${r.reference}`, nav: null },
        html`<h1>${t(lang, 'receiptTitle')}</h1>
            <p>${t(lang, 'receiptIntro')}</p>
            <section class="card">
                <p class="reference" id="reference">${r.reference}</p>
                <dl class="facts">
                    <dt>${t(lang, 'receivedAt')}</dt>
                    <dd>${when(r.receivedAt, lang)}</dd>
                    <dt>${t(lang, 'submittedBy')}</dt>
                    <dd>${r.submittedBy}</dd>
                    <dt>${t(lang, 'file')}</dt>
                    <dd>${r.fileName ?? t(lang, 'onlineForm')}</dd>
                    ${
                        r.sha256
                            ? html`<dt>${t(lang, 'sha256')}</dt>
                                  <dd class="mono" id="sha256">${r.sha256}</dd>`
                            : ''
                    }
                    <dt>${t(lang, 'facilities')}</dt>
                    <dd>${r.facilities.map((f) => f.name).join(', ')}</dd>
                    <dt>${t(lang, 'periods')}</dt>
                    <dd>${periods}</dd>
                    <dt>${t(lang, 'valueCount')}</dt>
                    <dd id="value-count">${r.values}</dd>
                </dl>
            </section>
            <section class="card">
                <h2>${t(lang, 'changesTitle')}</h2>
                <dl class="facts">
                    <dt>${t(lang, 'added')}</dt>
                    <dd>${r.changes.added}</dd>
                    <dt>${t(lang, 'changed')}</dt>
                    <dd>${r.changes.changed}</dd>
                    <dt>${t(lang, 'removed')}</dt>
                    <dd>${r.changes.removed}</dd>
                    <dt>${t(lang, 'unchanged')}</dt>
                    <dd>${r.changes.unchanged}</dd>
                </dl>
            </section>
            <section class="card" aria-live="polite">
                <h2>${t(lang, 'stateTitle')}</h2>
                <p id="state">${stateBadge(view.state, lang)}</p>
                ${stateText}
                <p class="hint">${t(lang, 'updatedAt')} ${when(view.updatedAt, lang)}</p>
                ${
                    view.refusals.length > 0
                        ? html`<h3>${t(lang, 'refusalsTitle')}</h3>
                              ${issueList(view.refusals, lang)}`
                        : ''
                }
            </section>
            ${
                notSent.length > 0
                    ? html`<section class="card">
                          <h2>${t(lang, 'notSentTitle')}</h2>
                          ${issueList(notSent, lang)}
                      </section>`
                    : ''
            }
            <p class="actions no-print">
                <a class="button" href="/recu/${encodeURIComponent(r.reference)}">${t(lang, 'refresh')}</a>
                <button type="button" class="button secondary" id="print" hidden>${t(lang, 'print')}</button>
                <a class="button secondary" href="/rapports">${t(lang, 'backHome')}</a>
            </p>
            <script src="/static/print.js" defer></script>`
    )
}

// --- errors ------------------------------------------------------------------------------------------

export function messagePage(
    frame: Frame,
    title: MessageKey,
    text: string,
    options: { link?: { href: string; label: string } } = {}
): string {
    const { lang } = frame
    const link = options.link ?? (frame.user ? { href: '/rapports', label: t(lang, 'backHome') } : undefined)
    return page(
        { ...frame, title: t(lang, title), nav: null },
        html`<h1>${t(lang, title)}</h1>
            ${notice('error', text)} ${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : ''}`
    )
}
