// Credentials: environment first, then a config file; a token wins over a password; secrets stay out of errors.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { authHeader, describeAuth } from '../../src/dhis2/client.js'
import { ConfigError, loadDhis2Config } from '../../src/dhis2/config.js'

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

    it('says what is missing, in French and English, without any secret', async () => {
        await expect(loadDhis2Config({})).rejects.toThrow(/DHIS2_BASE_URL/)
        const e = await loadDhis2Config({ DHIS2_BASE_URL: 'https://d', DHIS2_PASSWORD: 'only-secret' }).catch(
            (x: unknown) => x
        )
        expect(e).toBeInstanceOf(ConfigError)
        expect(String(e)).toMatch(/Identifiants DHIS2 manquants.*credentials missing/)
        expect(String(e)).not.toContain('only-secret')
    })
})
