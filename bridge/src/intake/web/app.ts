// The intake's web pages: a thin HTTP shell over IntakeService. It checks who is asking (session),
// that the form came from our own page (CSRF token), and turns the service's answers into pages; every
// decision about data (validation, scope, storage, delivery) is the service's, never made here.
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyFormbody from '@fastify/formbody'
import fastifyHelmet from '@fastify/helmet'
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart'
import fastifyRateLimit from '@fastify/rate-limit'
import { UID_PATTERN } from '@odd3/mappings/uid'
import Fastify, {
    type FastifyError,
    type FastifyInstance,
    type FastifyReply,
    type FastifyRequest,
    type FastifyServerOptions,
} from 'fastify'
import type { IntakeIssue, IntakeService, SubmitResult } from '../service.js'
import { sizeLabel, t, type Lang, type MessageKey } from './messages.js'
import {
    formChooserPage,
    formPage,
    loginPage,
    messagePage,
    receiptPage,
    reportsPage,
    SOURCE_KINDS,
    uploadPage,
    type SourceKind,
} from './pages.js'
import { SESSION_COOKIE, SessionStore, type Session } from './sessions.js'
import { PRINT_SCRIPT } from './print-script.js'
import { STYLESHEET } from './style.js'

export interface IntakeAppOptions {
    service: IntakeService
    /** Behind a reverse proxy that terminates HTTPS: trust its X-Forwarded-* (fastify's trustProxy). */
    trustProxy?: FastifyServerOptions['trustProxy']
    /** Minutes without a request after which a session ends. */
    idleMinutes?: number
    /** Largest upload accepted, in bytes. */
    maxUploadBytes?: number
    /** Login attempts allowed per address and window. */
    loginRateLimit?: { max: number; timeWindowMs: number }
    logger?: FastifyServerOptions['logger']
}

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
const LANG_COOKIE = 'intake_lang'
const CSRF_COOKIE = 'intake_csrf'

interface UploadedFile {
    dir: string
    path: string
    originalName: string
}

declare module 'fastify' {
    interface FastifyRequest {
        intakeSession: Session | null
        /** A session cookie came with the request but named no live session (expired, or the service restarted). */
        intakeSessionExpired: boolean
        lang: Lang
        intakeUpload: UploadedFile | null
    }
}

// The cookie options every cookie of the intake shares: never readable by scripts, not sent by other
// sites' forms or images, and Secure whenever the request came over HTTPS (directly or, with
// trustProxy, through the proxy).
const COOKIE_BASE = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: 'auto' as const }

/** A file name as the person gave it, without any folder part, of a reasonable length. */
function cleanFileName(name: string): string {
    const base = basename(name.replace(/\\/g, '/')).trim()
    return (base || 'fichier').slice(0, 200)
}

/** The same name made safe as a file on this machine: the reader sees the extension. */
function diskName(name: string): string {
    return name.replace(/[^\w.\- ]/g, '_').replace(/^\.+/, '_') || 'fichier'
}

function fieldValue(body: unknown, name: string): string | undefined {
    if (!body || typeof body !== 'object') return undefined
    const v = (body as Record<string, unknown>)[name]
    if (typeof v === 'string') return v
    // a multipart field (attachFieldsToBody): { value }
    if (v && typeof v === 'object' && 'value' in v && typeof v.value === 'string') return v.value
    return undefined
}

export async function buildIntakeApp(options: IntakeAppOptions): Promise<FastifyInstance> {
    const { service } = options
    const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES
    const sessions = new SessionStore((options.idleMinutes ?? 30) * 60_000)
    const app = Fastify({
        trustProxy: options.trustProxy ?? false,
        logger: options.logger ?? false,
        // forms are small: a whole month of fields is a few kilobytes
        bodyLimit: 256 * 1024,
    })
    app.addHook('onClose', async () => sessions.close())

    // A key that lives as long as this process, like the sessions it protects: signing the CSRF secret
    // and binding tokens to a session need no configuration and no file holding a secret.
    const processKey = randomBytes(32).toString('base64url')
    await app.register(fastifyCookie, { secret: processKey })
    await app.register(fastifyFormbody)
    await app.register(fastifyHelmet, {
        contentSecurityPolicy: {
            useDefaults: false,
            directives: {
                defaultSrc: ["'self'"],
                baseUri: ["'self'"],
                formAction: ["'self'"],
                frameAncestors: ["'none'"],
                imgSrc: ["'self'", 'data:'],
                objectSrc: ["'none'"],
                scriptSrc: ["'self'"],
                styleSrc: ["'self'"],
            },
        },
    })
    await app.register(fastifyCsrf, {
        cookieKey: CSRF_COOKIE,
        cookieOpts: { ...COOKIE_BASE, signed: true },
        csrfOpts: { hmacKey: processKey },
        // a token is good only for the session it was made for (or for no session, on the login page:
        // the library refuses an empty user info)
        getUserInfo: (req: FastifyRequest) => req.intakeSession?.id ?? 'anonymous',
        getToken: (req: FastifyRequest) => fieldValue(req.body, '_csrf') ?? '',
    })
    await app.register(fastifyRateLimit, { global: false })

    app.decorateRequest('intakeSession', null)
    app.decorateRequest('intakeSessionExpired', false)
    app.decorateRequest('lang', 'fr')
    app.decorateRequest('intakeUpload', null)

    app.addHook('onRequest', async (req, reply) => {
        const query = req.query as Record<string, unknown>
        const asked = query.lang
        if (asked === 'fr' || asked === 'en') {
            req.lang = asked
            reply.setCookie(LANG_COOKIE, asked, { ...COOKIE_BASE, maxAge: 365 * 24 * 3600 })
        } else req.lang = req.cookies[LANG_COOKIE] === 'en' ? 'en' : 'fr'
        const sid = req.cookies[SESSION_COOKIE]
        req.intakeSession = sessions.touch(sid) ?? null
        req.intakeSessionExpired = Boolean(sid) && !req.intakeSession
    })
    // pages hold a clinic's own figures: no shared cache, no back-button copy after logout
    app.addHook('onSend', async (_req, reply, payload) => {
        if (String(reply.getHeader('content-type') ?? '').startsWith('text/html'))
            reply.header('cache-control', 'no-store')
        return payload
    })
    const removeUpload = async (req: FastifyRequest) => {
        const upload = req.intakeUpload
        req.intakeUpload = null
        if (upload) await rm(upload.dir, { recursive: true, force: true })
    }
    app.addHook('onResponse', removeUpload)
    app.addHook('onRequestAbort', removeUpload)

    const frame = (req: FastifyRequest) => ({ lang: req.lang, path: req.url, user: req.intakeSession?.user })
    const csrfFor = (req: FastifyRequest, reply: FastifyReply) =>
        reply.generateCsrf({ userInfo: req.intakeSession?.id ?? 'anonymous' } as never)
    const html = (reply: FastifyReply, status: number, body: string) =>
        reply.code(status).type('text/html; charset=utf-8').send(body)
    const message = (
        req: FastifyRequest,
        reply: FastifyReply,
        status: number,
        title: MessageKey,
        text: string
    ) => html(reply, status, messagePage({ ...frame(req), csrf: csrfFor(req, reply) }, title, text))
    const forbidden = (req: FastifyRequest, reply: FastifyReply) =>
        message(req, reply, 403, 'forbiddenTitle', t(req.lang, 'forbiddenText'))
    const notFound = (req: FastifyRequest, reply: FastifyReply) =>
        message(req, reply, 404, 'notFoundTitle', t(req.lang, 'notFoundText'))

    /** Routes for a logged-in person: others go to the login page (before any body is read). */
    const requireLogin = async (req: FastifyRequest, reply: FastifyReply) => {
        if (req.intakeSession) return
        return reply.redirect(req.intakeSessionExpired ? '/connexion?expire=1' : '/connexion', 303)
    }
    const user = (req: FastifyRequest) => {
        const session = req.intakeSession
        if (!session) throw new Error('requireLogin must run first')
        return session.user
    }

    app.setNotFoundHandler((req, reply) => notFound(req, reply))
    app.setErrorHandler((error: FastifyError, req, reply) => {
        const lang = req.lang ?? 'fr'
        if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET')
            return message(req, reply, 403, 'csrfTitle', t(lang, 'csrfText'))
        if (error.statusCode === 429)
            return html(
                reply,
                429,
                loginPage(frame(req), {
                    csrf: csrfFor(req, reply),
                    message: { kind: 'error', text: t(lang, 'tooManyAttempts') },
                })
            )
        const tooLarge = ['FST_REQ_FILE_TOO_LARGE', 'FST_ERR_CTP_BODY_TOO_LARGE'].includes(error.code)
        const tooMany = ['FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT'].includes(error.code)
        if ((tooLarge || tooMany) && req.intakeSession)
            return html(
                reply,
                413,
                uploadPage(
                    { ...frame(req), csrf: csrfFor(req, reply) },
                    {
                        maxBytes: maxUploadBytes,
                        message: tooLarge
                            ? t(lang, 'fileTooLarge', { max: sizeLabel(maxUploadBytes, lang) })
                            : t(lang, 'oneFileOnly'),
                    }
                )
            )
        const status =
            error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500
        // the error's own text may quote a file or a request: only its kind reaches the log
        if (status === 500) req.log.error({ code: error.code, name: error.name }, 'intake request failed')
        return message(req, reply, status, 'errorTitle', t(lang, 'errorText'))
    })

    app.get('/static/intake.css', async (_req, reply) =>
        reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET)
    )
    app.get('/static/print.js', async (_req, reply) =>
        reply
            .type('text/javascript; charset=utf-8')
            .header('cache-control', 'public, max-age=3600')
            .send(PRINT_SCRIPT)
    )
    app.get('/', async (req, reply) => reply.redirect(req.intakeSession ? '/rapports' : '/connexion', 303))

    // --- login / logout ------------------------------------------------------------------------------

    app.get('/connexion', async (req, reply) => {
        if (req.intakeSession) return reply.redirect('/rapports', 303)
        const q = req.query as Record<string, unknown>
        const note: MessageKey | null = q.sortie
            ? 'loggedOut'
            : q.expire || req.intakeSessionExpired
              ? 'sessionExpired'
              : null
        return html(
            reply,
            200,
            loginPage(frame(req), {
                csrf: csrfFor(req, reply),
                ...(note ? { message: { kind: 'info' as const, text: t(req.lang, note) } } : {}),
            })
        )
    })

    const loginLimit = options.loginRateLimit ?? { max: 10, timeWindowMs: 60_000 }
    app.post(
        '/connexion',
        {
            config: {
                rateLimit: {
                    max: loginLimit.max,
                    timeWindow: loginLimit.timeWindowMs,
                    errorResponseBuilder: (_req, context) =>
                        Object.assign(new Error('too many login attempts'), {
                            statusCode: 429,
                            code: 'INTAKE_LOGIN_RATE_LIMITED',
                            ttl: context.ttl,
                        }),
                },
            },
            preHandler: app.csrfProtection,
        },
        async (req, reply) => {
            const username = (fieldValue(req.body, 'username') ?? '').trim().slice(0, 200)
            const password = fieldValue(req.body, 'password') ?? ''
            const refuse = (status: number, key: MessageKey) =>
                html(
                    reply,
                    status,
                    loginPage(frame(req), {
                        csrf: csrfFor(req, reply),
                        username,
                        message: { kind: 'error', text: t(req.lang, key) },
                    })
                )
            let found
            try {
                found = await service.authenticate(username, password)
            } catch (e) {
                req.log.warn(
                    { name: e instanceof Error ? e.name : 'unknown' },
                    'DHIS2 could not check a login'
                )
                return refuse(503, 'loginUnavailable')
            }
            // one message whatever was wrong: the page never tells whether the username exists
            if (!found) return refuse(401, 'loginFailed')
            // an account tied to no org unit could see and send nothing: say why rather than show empty pages
            if (found.orgUnits.length === 0) return refuse(403, 'loginNoOrgUnit')
            sessions.destroy(req.intakeSession?.id)
            const session = sessions.create(found)
            reply.setCookie(SESSION_COOKIE, session.id, COOKIE_BASE)
            return reply.redirect('/rapports', 303)
        }
    )

    app.post('/deconnexion', { preHandler: app.csrfProtection }, async (req, reply) => {
        sessions.destroy(req.intakeSession?.id)
        reply.clearCookie(SESSION_COOKIE, COOKIE_BASE)
        return reply.redirect('/connexion?sortie=1', 303)
    })

    // --- Mes rapports --------------------------------------------------------------------------------

    app.get('/rapports', { onRequest: requireLogin }, async (req, reply) => {
        const reports = await service.myReports(user(req), req.lang)
        return html(reply, 200, reportsPage({ ...frame(req), csrf: csrfFor(req, reply) }, reports))
    })

    // --- results of a submission ---------------------------------------------------------------------

    /** Accepted: the receipt, with the issues of the values left out shown once on it. */
    const accepted = (
        req: FastifyRequest,
        reply: FastifyReply,
        result: Extract<SubmitResult, { status: 'accepted' }>
    ) => {
        const session = req.intakeSession
        if (session && result.issues.length > 0)
            session.flash = { reference: result.receipt.reference, issues: result.issues }
        return reply.redirect(`/recu/${encodeURIComponent(result.receipt.reference)}`, 303)
    }

    // --- upload --------------------------------------------------------------------------------------

    app.get('/envoyer', { onRequest: requireLogin }, async (req, reply) =>
        html(
            reply,
            200,
            uploadPage({ ...frame(req), csrf: csrfFor(req, reply) }, { maxBytes: maxUploadBytes })
        )
    )

    // Multipart only here: the file goes straight to a private temporary folder (removed when the
    // response is sent), the form fields to req.body, so that the CSRF check reads them like any form.
    await app.register(async (scope) => {
        await scope.register(fastifyMultipart, {
            attachFieldsToBody: true,
            limits: { fileSize: maxUploadBytes, files: 1, fields: 10, parts: 12, fieldSize: 1024 },
            async onFile(this: FastifyRequest, part: MultipartFile) {
                // a file input left empty still sends a part, without a name: nothing was chosen
                if (this.intakeUpload || !part.filename) {
                    part.file.resume()
                    return
                }
                const dir = await mkdtemp(join(tmpdir(), 'intake-upload-'))
                const originalName = cleanFileName(part.filename)
                const upload = { dir, path: join(dir, diskName(originalName)), originalName }
                this.intakeUpload = upload
                await pipeline(part.file, createWriteStream(upload.path, { mode: 0o600 }))
            },
        })
        scope.post(
            '/envoyer',
            { onRequest: requireLogin, preHandler: app.csrfProtection },
            async (req, reply) => {
                const sourceField = fieldValue(req.body, 'source')
                const source: SourceKind = SOURCE_KINDS.includes(sourceField as SourceKind)
                    ? (sourceField as SourceKind)
                    : 'facility-report'
                const allowPartial = fieldValue(req.body, 'allowPartial') === '1'
                const upload = req.intakeUpload
                const again = (status: number, extra: { message?: string; issues?: IntakeIssue[] }) =>
                    html(
                        reply,
                        status,
                        uploadPage(
                            { ...frame(req), csrf: csrfFor(req, reply) },
                            { maxBytes: maxUploadBytes, source, allowPartial, ...extra }
                        )
                    )
                if (!upload) return again(400, { message: t(req.lang, 'noFileChosen') })
                const result = await service.submitFile(
                    user(req),
                    { path: upload.path, originalName: upload.originalName },
                    { source, allowPartial, lang: req.lang }
                )
                if (result.status === 'forbidden') return forbidden(req, reply)
                if (result.status === 'refused') return again(422, { issues: result.issues })
                return accepted(req, reply, result)
            }
        )
    })

    // --- online form ---------------------------------------------------------------------------------

    const MONTH = /^\d{6}$/

    app.get('/formulaire', { onRequest: requireLogin }, async (req, reply) => {
        const q = req.query as Record<string, unknown>
        const orgUnit = typeof q.orgUnit === 'string' ? q.orgUnit : ''
        const period = typeof q.period === 'string' ? q.period : ''
        if (!orgUnit && !period) {
            const reports = await service.myReports(user(req), req.lang)
            const periods = new Map<string, string>()
            for (const f of reports.facilities) for (const m of f.months) periods.set(m.period, m.label)
            return html(
                reply,
                200,
                formChooserPage(
                    { ...frame(req), csrf: csrfFor(req, reply) },
                    {
                        facilities: reports.facilities.map((f) => f.orgUnit),
                        periods: [...periods]
                            .sort((a, b) => b[0].localeCompare(a[0]))
                            .map(([p, label]) => ({ period: p, label })),
                    }
                )
            )
        }
        if (!UID_PATTERN.test(orgUnit) || !MONTH.test(period)) return notFound(req, reply)
        const model = await service.formFor(user(req), orgUnit, period, req.lang)
        if (model === 'forbidden') return forbidden(req, reply)
        return html(reply, 200, formPage({ ...frame(req), csrf: csrfFor(req, reply) }, model))
    })

    app.post(
        '/formulaire',
        { onRequest: requireLogin, preHandler: app.csrfProtection },
        async (req, reply) => {
            const orgUnit = fieldValue(req.body, 'orgUnit') ?? ''
            const period = fieldValue(req.body, 'period') ?? ''
            const allowPartial = fieldValue(req.body, 'allowPartial') === '1'
            if (!UID_PATTERN.test(orgUnit) || !MONTH.test(period)) return notFound(req, reply)
            const fields: Record<string, string> = {}
            for (const [key, value] of Object.entries((req.body ?? {}) as Record<string, unknown>))
                if (key.startsWith('v_') && typeof value === 'string') fields[key] = value.trim()
            const result = await service.submitForm(user(req), orgUnit, period, fields, {
                allowPartial,
                lang: req.lang,
            })
            if (result.status === 'forbidden') return forbidden(req, reply)
            if (result.status === 'accepted') return accepted(req, reply, result)
            const model = await service.formFor(user(req), orgUnit, period, req.lang)
            if (model === 'forbidden') return forbidden(req, reply)
            return html(
                reply,
                422,
                formPage({ ...frame(req), csrf: csrfFor(req, reply) }, model, {
                    values: fields,
                    issues: result.issues,
                    allowPartial,
                })
            )
        }
    )

    // --- receipt -------------------------------------------------------------------------------------

    app.get('/recu/:reference', { onRequest: requireLogin }, async (req, reply) => {
        const { reference } = req.params as { reference: string }
        if (reference.length > 64) return notFound(req, reply)
        const view = await service.submission(user(req), reference, req.lang)
        if (view === 'forbidden') return forbidden(req, reply)
        if (view === null) return notFound(req, reply)
        const session = req.intakeSession
        let flash: IntakeIssue[] = []
        if (session?.flash && session.flash.reference === view.receipt.reference) {
            flash = session.flash.issues as IntakeIssue[]
            delete session.flash
        }
        return html(reply, 200, receiptPage({ ...frame(req), csrf: csrfFor(req, reply) }, view, flash))
    })

    return app
}
