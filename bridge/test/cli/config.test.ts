// Credentials: environment first, then a config file; a token wins over a password; secrets stay out of errors.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { authHeader, describeAuth } from '../../src/dhis2/client.js'
import { ConfigError, loadDhis2Config } from '../../src/dhis2/config.js'
import { jsonErrorPosition } from '../../src/core/json-position.js'

describe('DHIS2 configuration', () => {
    it('reads the environment: Basic or personal access token', async () => {
        const basic = await loadDhis2Config({
            DHIS2_BASE_URL: 'https://d.example.org',
            DHIS2_USERNAME: 'bridge',
            DHIS2_PASSWORD: 's3cret',
        })
        expect(basic.auth).toEqual({ kind: 'basic', username: 'bridge', password: 's3cret' })
        expect(authHeader(basic.auth)).toBe('Basic ' + Buffer.from('bridge:s3cret').toString('base64'))
        expect(describeAuth(basic.auth)).toBe('basic:bridge')
        const pat = await loadDhis2Config({
            DHIS2_BASE_URL: 'https://d.example.org',
            DHIS2_TOKEN: 'd2p_abc',
            DHIS2_USERNAME: 'x',
            DHIS2_PASSWORD: 'y',
        })
        expect(authHeader(pat.auth)).toBe('ApiToken d2p_abc')
        expect(describeAuth(pat.auth)).toBe('token')
    })

    it('falls back to a config file, the environment winning field by field', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'cfg-'))
        const file = join(dir, 'dhis2.json')
        writeFileSync(
            file,
            JSON.stringify({
                baseUrl: 'https://file.example.org',
                username: 'u',
                password: 'p',
                timeoutMs: 5000,
            })
        )
        const c = await loadDhis2Config({}, file)
        expect(c).toMatchObject({
            baseUrl: 'https://file.example.org',
            timeoutMs: 5000,
            auth: { kind: 'basic', username: 'u' },
        })
        const mixed = await loadDhis2Config({ DHIS2_BASE_URL: 'https://env.example.org' }, file)
        expect(mixed.baseUrl).toBe('https://env.example.org')
    })

    it('says what is missing, in French or in English, without any secret', async () => {
        const noUrl = await loadDhis2Config({}).catch((x: unknown) => x)
        expect(noUrl).toBeInstanceOf(ConfigError)
        expect((noUrl as ConfigError).render('fr')).toMatch(/DHIS2_BASE_URL/)
        const e = await loadDhis2Config({ DHIS2_BASE_URL: 'https://d', DHIS2_PASSWORD: 'only-secret' }).catch(
            (x: unknown) => x
        )
        expect(e).toBeInstanceOf(ConfigError)
        // issue 8: one language per line
        expect((e as ConfigError).text.fr).toBe('Identifiants DHIS2 manquants.')
        expect((e as ConfigError).text.en).toBe('DHIS2 credentials missing.')
        expect(String(e)).not.toContain('only-secret')
    })

    it('reports a malformed file by line and column, never by its content', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'cfg-'))
        const file = join(dir, 'dhis2.json')
        writeFileSync(
            file,
            '{\n  "baseUrl": "https://d.example.org",\n  "password": "pw-Xy9!q" "username": "u"\n}',
            {
                mode: 0o600,
            }
        )
        const e = (await loadDhis2Config({}, file).catch((x: unknown) => x)) as ConfigError
        expect(e).toBeInstanceOf(ConfigError)
        expect(e.text.fr).toContain('erreur de syntaxe JSON ligne 3, colonne 26')
        expect(e.text.en).toContain('JSON syntax error at line 3, column 26')
        expect(JSON.stringify([e.text, e.hint, e.message, e.stack])).not.toContain('pw-Xy9')
        writeFileSync(file, JSON.stringify({ baseUrl: 'https://d.example.org', password: 12345678 }))
        const invalid = (await loadDhis2Config({}, file).catch((x: unknown) => x)) as ConfigError
        expect(invalid.text.fr).toMatch(/champ\(s\) password/)
        expect(JSON.stringify(invalid.text)).not.toContain('12345678')
    })

    it('finds where JSON stops being valid', () => {
        expect(jsonErrorPosition('{"a": 1}')).toBeUndefined()
        expect(jsonErrorPosition('{"a": 1,}')).toMatchObject({ offset: 8, line: 1, column: 9 })
        expect(jsonErrorPosition('[1, 2\n')).toMatchObject({ line: 2, column: 1 })
        expect(jsonErrorPosition('{"a": "x\\q"}')).toMatchObject({ offset: 9 })
        expect(jsonErrorPosition('{"a": tru}')).toMatchObject({ offset: 9 })
    })

    it('takes credentials out of the address, and warns about them, plain http and an open file', async () => {
        const c = await loadDhis2Config({
            DHIS2_BASE_URL: 'http://bridge:p%40ss-W0rd@dhis2.example.org/dhis/?x=1#y',
        })
        expect(c.baseUrl).toBe('http://dhis2.example.org/dhis')
        expect(c.auth).toEqual({ kind: 'basic', username: 'bridge', password: 'p@ss-W0rd' })
        expect(c.warnings?.map((w) => w.code)).toEqual(['CONFIG_URL_CREDENTIALS', 'CONFIG_INSECURE_HTTP'])
        expect(JSON.stringify(c.warnings)).not.toContain('W0rd')
        // explicit credentials win over the address's
        const explicit = await loadDhis2Config({
            DHIS2_BASE_URL: 'https://x:y@dhis2.example.org',
            DHIS2_TOKEN: 'd2p_t',
        })
        expect(explicit.baseUrl).toBe('https://dhis2.example.org')
        expect(explicit.auth).toEqual({ kind: 'token', token: 'd2p_t' })
        const local = await loadDhis2Config({ DHIS2_BASE_URL: 'http://localhost:8080', DHIS2_TOKEN: 't' })
        expect(local.warnings).toBeUndefined()
        const bad = (await loadDhis2Config({ DHIS2_BASE_URL: 'dhis2 secret-word', DHIS2_TOKEN: 't' }).catch(
            (x: unknown) => x
        )) as ConfigError
        expect(bad.text.fr).toMatch(/Adresse DHIS2 invalide \(DHIS2_BASE_URL\)/)
        expect(JSON.stringify(bad.text)).not.toContain('secret-word')
        const dir = mkdtempSync(join(tmpdir(), 'cfg-'))
        const file = join(dir, 'dhis2.json')
        writeFileSync(file, JSON.stringify({ baseUrl: 'https://d.example.org', token: 't' }))
        chmodSync(file, 0o644)
        const open = await loadDhis2Config({}, file)
        expect(open.warnings?.map((w) => w.code)).toEqual(['CONFIG_FILE_READABLE'])
        expect(open.warnings?.[0]?.hint?.fr).toBe(`Protégez-le : chmod 600 ${file}`)
        chmodSync(file, 0o600)
        expect((await loadDhis2Config({}, file)).warnings).toBeUndefined()
    })
})
