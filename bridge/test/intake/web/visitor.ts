// A person's browser, reduced to what the security tests need: real HTTP requests with fetch, a
// cookie jar, the CSRF token read from the page it was given on, and redirects left visible.

export interface Page {
    status: number
    location: string | null
    body: string
    headers: Headers
    setCookies: string[]
    /** The CSRF token of the first form on the page. */
    csrf: string | undefined
}

export class Visitor {
    readonly jar = new Map<string, string>()

    constructor(readonly baseUrl: string) {}

    private cookieHeader(): string {
        return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ')
    }

    private async read(response: Response): Promise<Page> {
        const setCookies = response.headers.getSetCookie()
        for (const c of setCookies) {
            const [pair, ...attributes] = c.split(';')
            const eq = pair!.indexOf('=')
            const name = pair!.slice(0, eq).trim()
            const value = pair!.slice(eq + 1).trim()
            const expired = attributes.some((a) => /^\s*expires=thu, 01 jan 1970/i.test(a)) || value === ''
            if (expired) this.jar.delete(name)
            else this.jar.set(name, value)
        }
        const body = await response.text()
        return {
            status: response.status,
            location: response.headers.get('location'),
            body,
            headers: response.headers,
            setCookies,
            csrf: /name="_csrf" value="([^"]+)"/.exec(body)?.[1],
        }
    }

    async get(path: string): Promise<Page> {
        return this.read(
            await fetch(this.baseUrl + path, { redirect: 'manual', headers: { cookie: this.cookieHeader() } })
        )
    }

    async post(path: string, fields: Record<string, string>): Promise<Page> {
        return this.read(
            await fetch(this.baseUrl + path, {
                method: 'POST',
                redirect: 'manual',
                headers: {
                    cookie: this.cookieHeader(),
                    'content-type': 'application/x-www-form-urlencoded',
                },
                body: new URLSearchParams(fields),
            })
        )
    }

    async postFile(
        path: string,
        fields: Record<string, string>,
        file: { name: string; bytes: Uint8Array }
    ): Promise<Page> {
        const form = new FormData()
        for (const [k, v] of Object.entries(fields)) form.append(k, v)
        form.append('file', new Blob([file.bytes]), file.name)
        return this.read(
            await fetch(this.baseUrl + path, {
                method: 'POST',
                redirect: 'manual',
                headers: { cookie: this.cookieHeader() },
                body: form,
            })
        )
    }

    /** Opens the login page and logs in; returns the answer to the login form. */
    async login(username: string, password: string): Promise<Page> {
        const form = await this.get('/connexion')
        return this.post('/connexion', { _csrf: form.csrf ?? '', username, password })
    }
}

/** The page's visible text, one space between words, for assertions on what a person reads. */
export function textOf(html: string): string {
    return html
        .replace(/<[^>]+>/g, ' ')
        .replace(/&nbsp;/g, ' ')
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/\s+/g, ' ')
        .trim()
}
