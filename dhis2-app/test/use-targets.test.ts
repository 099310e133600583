import { waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useMe } from '../src/shared/use-me'
import { useTargets } from '../src/targets/use-targets'
import { renderHook, type CustomData } from './render'

describe('typed hooks', () => {
    it('useTargets resolves the records of the dataStore target set for the lineage it is given', async () => {
        const data: CustomData = {
            'dataStore/odd3-scorecard/targets': {
                version: 2,
                records: [
                    { code: 'ODD-3.3.3', orgUnit: 'OuRegSik001', targets: { '2030': 45 }, revision: 1 },
                ],
            },
        }
        const lineage = [
            { id: 'OuMali00001', name: 'Mali', level: 1 },
            { id: 'OuRegSik001', name: 'Sikasso', level: 2 },
        ]
        const { result } = renderHook(() => useTargets(lineage), data)
        await waitFor(() => expect(result.current.loading).toBe(false))
        const malaria = result.current.targets.find((t) => t.code === 'ODD-3.3.3')
        expect(malaria?.target2030.value).toBe(45)
        expect(malaria?.origin.target2030.orgUnit?.name).toBe('Sikasso')
        expect(result.current.records).toHaveLength(1)
        expect(result.current.error).toBeNull()
    })

    it('useTargets reports a target set it cannot read and keeps the catalogue', async () => {
        const data: CustomData = {
            'dataStore/odd3-scorecard/targets': { overrides: [{ code: 'ODD-3.3.3', orgUnit: null }] },
        }
        const { result } = renderHook(() => useTargets([]), data)
        await waitFor(() => expect(result.current.error).not.toBeNull())
        expect(result.current.targets.find((t) => t.code === 'ODD-3.3.3')?.target2023.value).toBe(67)
    })

    it('useMe turns an answer it does not understand into a clear French error', async () => {
        const data: CustomData = { me: { id: 'UsX', organisationUnits: 'not a list' } }
        const { result } = renderHook(() => useMe(), data)
        await waitFor(() => expect(result.current.error).not.toBeNull())
        expect(result.current.error?.title).toBe('Réponse inattendue de DHIS2')
        expect(result.current.data).toBeUndefined()
    })
})
