import { useConfig } from '@dhis2/app-runtime'
import i18n from '@dhis2/d2-i18n'
import { Button } from '@dhis2/ui'
import React, { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { createPortal, flushSync } from 'react-dom'
import type { ScorecardFigures } from '../progress/scorecard-figures'
import type { OrgUnitWithFamily } from '../shared/use-org-unit'
import classes from './brief.module.css'
import { BriefSheet } from './brief-sheet'
import { dataSource } from './data-source'

export interface BriefButtonProps {
    figures: ScorecardFigures
    unit: OrgUnitWithFamily
    country: string
}

/** `preview`: opened with the button; `print`: mounted only for a print the browser started itself. */
type Mode = 'closed' | 'preview' | 'print'

/**
 * « Imprimer / PDF »: shows the one-page brief over the page, ready for the browser's print (to paper or
 * PDF). A print started from the browser's own menu also gets the brief rather than the interactive page,
 * which does not fit on paper.
 */
const BriefButton = ({ figures, unit, country }: BriefButtonProps) => {
    const [mode, setMode] = useState<Mode>('closed')
    const [printedAt, setPrintedAt] = useState(() => new Date())
    const config = useConfig()
    // @dhis2/ui's Button takes no ref: its wrapper finds it to give focus back on close.
    const opener = useRef<HTMLSpanElement | null>(null)
    // Read by the browser's print events, which are not React's: kept current after each render.
    const modeRef = useRef(mode)
    useLayoutEffect(() => {
        modeRef.current = mode
    }, [mode])

    useEffect(() => {
        const beforePrint = () => {
            if (modeRef.current !== 'closed') return
            // Synchronously, so the brief is in the page the browser is about to lay out for print.
            flushSync(() => {
                setPrintedAt(new Date())
                setMode('print')
            })
        }
        const afterPrint = () => setMode((m) => (m === 'print' ? 'closed' : m))
        window.addEventListener('beforeprint', beforePrint)
        window.addEventListener('afterprint', afterPrint)
        return () => {
            window.removeEventListener('beforeprint', beforePrint)
            window.removeEventListener('afterprint', afterPrint)
        }
    }, [])

    useLayoutEffect(() => {
        if (mode === 'closed') return
        document.body.classList.add(classes.printing ?? 'odd3-brief-printing')
        return () => document.body.classList.remove(classes.printing ?? 'odd3-brief-printing')
    }, [mode])

    // While the preview is open, the page beneath is inert: Tab stays in the brief (aria-modal alone does not
    // stop the keyboard) and screen readers read the brief only.
    const overlay = useRef<HTMLDivElement | null>(null)
    const returnFocus = useRef(false)
    useLayoutEffect(() => {
        if (mode !== 'preview') return
        const others = [...document.body.children].filter(
            (el) => el !== overlay.current && !el.hasAttribute('inert')
        )
        for (const el of others) el.setAttribute('inert', '')
        return () => {
            for (const el of others) el.removeAttribute('inert')
        }
    }, [mode])
    useEffect(() => {
        if (mode !== 'closed' || !returnFocus.current) return
        returnFocus.current = false
        opener.current?.querySelector('button')?.focus()
    }, [mode])

    // Tab past the last control comes back to the first (and Shift+Tab the other way), as in a dialog.
    const keepFocusInside = (e: React.KeyboardEvent) => {
        const controls = [...(overlay.current?.querySelectorAll<HTMLElement>('button:not([disabled])') ?? [])]
        const first = controls[0]
        const last = controls[controls.length - 1]
        if (!first || !last) return
        if (e.shiftKey && document.activeElement === first) {
            e.preventDefault()
            last.focus()
        } else if (!e.shiftKey && document.activeElement === last) {
            e.preventDefault()
            first.focus()
        }
    }

    const close = () => {
        returnFocus.current = true
        setMode('closed')
    }

    return (
        <>
            <span ref={opener}>
                <Button
                    small
                    onClick={() => {
                        setPrintedAt(new Date())
                        setMode('preview')
                    }}
                    dataTest="open-brief"
                >
                    {i18n.t('Print / PDF')}
                </Button>
            </span>
            {mode !== 'closed' &&
                createPortal(
                    <div
                        ref={overlay}
                        className={classes.overlay}
                        role="dialog"
                        aria-modal="true"
                        aria-labelledby="brief-title"
                        data-test="brief"
                        onKeyDown={(e) => {
                            if (e.key === 'Escape') close()
                            if (e.key === 'Tab') keepFocusInside(e)
                        }}
                    >
                        <div className={classes.actions}>
                            <Button
                                primary
                                initialFocus={mode === 'preview'}
                                onClick={() => window.print()}
                                dataTest="brief-print"
                            >
                                {i18n.t('Print or save as PDF')}
                            </Button>
                            <Button secondary onClick={close} dataTest="brief-close">
                                {i18n.t('Close')}
                            </Button>
                        </div>
                        <BriefSheet
                            unit={unit}
                            country={country}
                            year={figures.year}
                            rows={figures.rows}
                            shares={figures.shares}
                            completeness={figures.completeness}
                            source={dataSource(config, window.location.href)}
                            printedAt={printedAt}
                            provisional={figures.provisional}
                        />
                    </div>,
                    document.body
                )}
        </>
    )
}

export default BriefButton
