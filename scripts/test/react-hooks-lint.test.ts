// React's hooks rules fail the lint of the app (errors, not warnings): a hook whose dependency list leaves out
// what it reads, or a hook called conditionally.
import { ESLint } from 'eslint'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../..') })

async function hookErrors(code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: 'dhis2-app/src/shared/wrong.tsx' })
    return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? '')
}

describe('the React hooks lint rules', () => {
    it('refuse an effect that leaves out what it reads', async () => {
        const code = [
            "import { useEffect } from 'react'",
            'export function useLog(value: string) {',
            '    useEffect(() => {',
            '        console.log(value)',
            '    }, [])',
            '}',
            '',
        ].join('\n')
        expect(await hookErrors(code)).toEqual(['react-hooks/exhaustive-deps'])
    })

    it('refuse a hook called conditionally', async () => {
        const code = [
            "import { useState } from 'react'",
            'export function useMaybe(on: boolean) {',
            '    if (on) useState(0)',
            '}',
            '',
        ].join('\n')
        expect(await hookErrors(code)).toEqual(['react-hooks/rules-of-hooks'])
    })
})
