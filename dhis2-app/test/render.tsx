import { CustomDataProvider } from '@dhis2/app-runtime'
import {
    render as rtlRender,
    renderHook as rtlRenderHook,
    type RenderHookResult,
    type RenderResult,
} from '@testing-library/react'
import React, { type ReactElement, type ReactNode } from 'react'

export type CustomData = React.ComponentProps<typeof CustomDataProvider>['data']
export type CustomFactory = Extract<CustomData[string], (...args: never[]) => unknown>
export type ResolvedQuery = Parameters<CustomFactory>[1]

/** The providers the app shell gives every component, answering DHIS2 requests with canned data. */
function providers(data: CustomData) {
    return ({ children }: { children: ReactNode }) => (
        <CustomDataProvider data={data} options={{ loadForever: false }}>
            {children}
        </CustomDataProvider>
    )
}

/** Renders a component inside the providers the app shell gives it, with canned DHIS2 answers. */
export function render(ui: ReactElement, data: CustomData = {}): RenderResult {
    return rtlRender(ui, { wrapper: providers(data) })
}

/** Runs a hook inside the same providers as render(). */
export function renderHook<T>(hook: () => T, data: CustomData = {}): RenderHookResult<T, unknown> {
    return rtlRenderHook(hook, { wrapper: providers(data) })
}
