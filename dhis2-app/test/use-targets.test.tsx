import { renderHook, waitFor } from '@testing-library/react'
import { CustomDataProvider } from '@dhis2/app-runtime'
import React, { type ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { useMe } from '../src/shared/use-me'
import { useTargets } from '../src/targets/use-targets'
import type { CustomData } from './render'

function wrapper(data: CustomData) {
    return ({ children }: { children: ReactNode }) => (
        <CustomDataProvider data={data} options={{ loadForever: false }}>
            {children}
        </CustomDataProvider>
    )
}

describe('typed hooks', () => {
    it('useTargets applies the overrides read from the app dataStore namespace', async () => {
        const data: CustomData = {
            'dataStore/odd3-scorecard/targets': {
                overrides: [
                    { code: 'ODD-3.3.3', orgUnit: null, targets: { '2030': 45 }, updatedBy: 'planificateur' },
                ],
            },
        }
        const { result } = renderHook(() => useTargets('/OuMali00001'), { wrapper: wrapper(data) })
        await waitFor(() => expect(result.current.loading).toBe(false))
        const malaria = result.current.targets.find((t) => t.code === 'ODD-3.3.3')
        expect(malaria?.target2030.value).toBe(45)
        expect(malaria?.override?.updatedBy).toBe('planificateur')
        expect(result.current.error).toBeNull()
    })

    it('useMe turns an answer it does not understand into a clear French error', async () => {
        const data: CustomData = { me: { id: 'UsX', organisationUnits: 'not a list' } }
        const { result } = renderHook(() => useMe(), { wrapper: wrapper(data) })
        await waitFor(() => expect(result.current.error).not.toBeNull())
        expect(result.current.error?.title).toBe('Réponse inattendue de DHIS2')
        expect(result.current.data).toBeUndefined()
    })
})
