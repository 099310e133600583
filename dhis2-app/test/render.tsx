import { CustomDataProvider } from '@dhis2/app-runtime'
import { render as rtlRender, type RenderResult } from '@testing-library/react'
import React, { type ReactElement } from 'react'

export type CustomData = React.ComponentProps<typeof CustomDataProvider>['data']
export type CustomFactory = Extract<CustomData[string], (...args: never[]) => unknown>
export type ResolvedQuery = Parameters<CustomFactory>[1]

/** Renders a component inside the providers the app shell gives it, with canned DHIS2 answers. */
export function render(ui: ReactElement, data: CustomData = {}): RenderResult {
    return rtlRender(
        <CustomDataProvider data={data} options={{ loadForever: false }}>
            {ui}
        </CustomDataProvider>
    )
}
