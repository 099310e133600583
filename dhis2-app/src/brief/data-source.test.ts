import { describe, expect, it } from 'vitest'
import { dataSource } from './data-source'

describe('dataSource', () => {
    it('names the server and when its analytics tables were last generated', () => {
        const source = dataSource(
            {
                baseUrl: '../../..',
                systemInfo: {
                    systemName: 'DHIS2 Mali',
                    lastAnalyticsTableSuccess: '2026-12-07T14:13:05.123',
                },
            },
            'https://dhis2.sante.gov.ml/api/apps/odd3-scorecard/index.html#/'
        )
        expect(source.systemName).toBe('DHIS2 Mali')
        expect(source.host).toBe('dhis2.sante.gov.ml')
        expect(source.analyticsUpdated?.getFullYear()).toBe(2026)
        expect(source.analyticsUpdated?.getHours()).toBe(14)
    })

    it('leaves out what the server did not give', () => {
        const source = dataSource(
            { baseUrl: 'http://localhost:8080', systemInfo: { version: '2.41.3' } },
            'http://x/'
        )
        expect(source).toEqual({ systemName: null, host: 'localhost:8080', analyticsUpdated: null })
        expect(dataSource({ baseUrl: '..', systemInfo: 'odd' }, 'http://h:1/a/b/').systemName).toBeNull()
    })
})
