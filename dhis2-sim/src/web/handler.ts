// Paths outside /api: the legacy login form, logout, the header-bar menu, a minimal login page and
// start page for people opening the simulator in a browser, and the /__sim control endpoints. Above server/:
// the pages use the login and app menu of the parts the server hosts.
import { menuModules } from '../apps-api/menu.js'
import { logoutResponse, startPage } from '../auth-api/routes.js'
import { parseCookies, SESSION_COOKIE, sessionCookie } from '../auth/sessions.js'
import type { FaultOptions, SimResponse, SimUser } from '../core/types.js'
import { badRequest, forbidden, json, ok, unauthorized } from '../core/web-message.js'
import { minorVersion, type ServerContext } from '../server/context.js'
import {
    escapeHtml,
    loginRedirect,
    requestBaseUrl,
    type WebHandler,
    type WebHandlerArgs,
} from '../server/http.js'

function loginPage(): string {
    return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Connexion / Log in — DHIS2 simulator</title>
<style>body{font-family:sans-serif;max-width:22rem;margin:4rem auto}label{display:block;margin:.6rem 0}input{width:100%;padding:.4rem}button{margin-top:1rem;padding:.5rem 1rem}#error{color:#b00}</style>
</head><body>
<h1>Connexion <small>/ Log in</small></h1>
<form id="login">
<label>Nom d'utilisateur / Username <input name="username" autocomplete="username" required></label>
<label>Mot de passe / Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Se connecter / Log in</button>
<p id="error" role="alert"></p>
</form>
<script>
document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault()
  const data = new FormData(event.target)
  const response = await fetch('../api/auth/login', {
    method: 'POST', credentials: 'include',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    body: JSON.stringify({ username: data.get('username'), password: data.get('password') }),
  })
  if (response.ok) { const body = await response.json(); window.location.href = body.redirectUrl }
  else document.getElementById('error').textContent = 'Identifiants incorrects / Wrong username or password'
})
</script>
</body></html>`
}

function startPageHtml(ctx: ServerContext, user: SimUser, baseUrl: string): string {
    const apps = menuModules(ctx, user, baseUrl)
    const items = apps
        .map(
            (app) => `<li><a href="${escapeHtml(app.defaultAction)}">${escapeHtml(app.displayName)}</a></li>`
        )
        .join('\n')
    return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>DHIS2 simulator</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto">
<h1>Simulateur DHIS2 <small>/ DHIS2 simulator</small> ${escapeHtml(ctx.serverVersion)}</h1>
<p>Connecté en tant que / Logged in as <b>${escapeHtml(user.username)}</b> — <a href="${baseUrl}/dhis-web-commons-security/logout.action">Se déconnecter / Log out</a></p>
<h2>Applications</h2>
<ul>${items || '<li>Aucune application installée / No app installed</li>'}</ul>
</body></html>`
}

function html(body: string, status = 200): SimResponse {
    return { status, headers: { 'Content-Type': 'text/html;charset=UTF-8' }, body }
}

function formLogin(ctx: ServerContext, args: WebHandlerArgs, baseUrl: string): SimResponse {
    const form = new URLSearchParams(args.body.toString('utf8'))
    const username = form.get('j_username') ?? ''
    const password = form.get('j_password') ?? ''
    const user = username ? ctx.users.authenticate(username, password) : null
    if (!user) return { status: 302, headers: { Location: `${baseUrl}/dhis-web-login/?failed=true` } }
    const previous = parseCookies(args.req.headers.cookie)[SESSION_COOKIE]
    const target = ctx.sessions.savedRequest(previous) ?? startPage(ctx)
    if (previous) ctx.sessions.destroy(previous)
    return {
        status: 302,
        headers: {
            'Set-Cookie': sessionCookie(ctx.sessions.create(user.username)),
            Location: baseUrl + target,
        },
    }
}

function requireAdmin(args: WebHandlerArgs): SimResponse | SimUser {
    if (args.auth.kind !== 'user') return unauthorized()
    if (!args.auth.user.authorities.includes('ALL')) return forbidden('Access is denied')
    return args.auth.user
}

const FAULT_KINDS: ReadonlyArray<FaultOptions['kinds'][number]> = [
    '500',
    '502',
    '503',
    '429',
    'timeout',
    'drop',
]

function toFaultOptions(value: unknown): FaultOptions | null | undefined {
    if (value === null) return null
    if (!value || typeof value !== 'object') return undefined
    const record = value as Record<string, unknown>
    if (typeof record.rate !== 'number' || !Array.isArray(record.kinds)) return undefined
    const kinds = record.kinds
        .map(String)
        .filter((kind): kind is FaultOptions['kinds'][number] =>
            (FAULT_KINDS as readonly string[]).includes(kind)
        )
    return {
        rate: record.rate,
        kinds,
        paths: Array.isArray(record.paths) ? record.paths.map(String) : undefined,
        dropAfterProcessing: record.dropAfterProcessing === true,
        seed: typeof record.seed === 'number' ? record.seed : undefined,
    }
}

function parseFaults(body: Buffer): { faults?: FaultOptions | null; latencyMs?: number } | null {
    try {
        const parsed: unknown = JSON.parse(body.toString('utf8') || '{}')
        if (!parsed || typeof parsed !== 'object') return null
        const record = parsed as Record<string, unknown>
        const out: { faults?: FaultOptions | null; latencyMs?: number } = {}
        if ('faults' in record) {
            const faults = toFaultOptions(record.faults)
            if (faults === undefined) return null
            out.faults = faults
        }
        if (typeof record.latencyMs === 'number') out.latencyMs = record.latencyMs
        return out
    } catch {
        return null
    }
}

export function webHandler(ctx: ServerContext): WebHandler {
    return async (args) => {
        const { req, url, auth } = args
        const method = (req.method ?? 'GET').toUpperCase()
        const path = url.pathname.replace(/\/+$/, '') || '/'
        const baseUrl = requestBaseUrl(ctx, req)
        if (auth.kind === 'failed') return unauthorized(auth.message)
        const user = auth.kind === 'user' ? auth.user : null

        if (path === '/dhis-web-commons-security/login.action' && method === 'POST') {
            // The Struts form login is gone in 2.42 (docs/dhis2-api.md §12.3).
            if (minorVersion(ctx.serverVersion) >= 42) return null
            return formLogin(ctx, args, baseUrl)
        }
        if (path === '/dhis-web-commons-security/logout.action') {
            return logoutResponse(ctx, { headers: req.headers, baseUrl })
        }
        if (path === '/dhis-web-commons/menu/getModules.action' && method === 'GET') {
            if (!user) return loginRedirect(ctx, req)
            return json({ modules: menuModules(ctx, user, baseUrl) })
        }
        if (path === '/dhis-web-login' && method === 'GET') return html(loginPage())
        if ((path === '/' || path === '/dhis-web-dashboard') && method === 'GET') {
            if (!user) return loginRedirect(ctx, req)
            return html(startPageHtml(ctx, user, baseUrl))
        }
        if (path === '/__sim/reset' && method === 'POST') {
            const admin = requireAdmin(args)
            if ('status' in admin) return admin
            await ctx.reset()
            return ok('Simulator reset to its seed')
        }
        if (path === '/__sim/faults') {
            const admin = requireAdmin(args)
            if ('status' in admin) return admin
            if (method === 'GET') return json({ faults: ctx.faults.current, latencyMs: ctx.faults.latencyMs })
            if (method !== 'POST') return null
            const parsed = parseFaults(args.body)
            if (!parsed) return badRequest('Expected {"faults": {...} | null, "latencyMs": n}')
            if (parsed.faults !== undefined) ctx.faults.set(parsed.faults)
            if (parsed.latencyMs !== undefined) ctx.faults.latencyMs = parsed.latencyMs
            return json({ faults: ctx.faults.current, latencyMs: ctx.faults.latencyMs })
        }
        return null
    }
}
