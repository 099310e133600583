import i18n from '@dhis2/d2-i18n'
import { Button, ButtonStrip, Modal, ModalActions, ModalContent, ModalTitle } from '@dhis2/ui'
import React, { useRef, useState } from 'react'
import { localized } from '../progress/labels'
import type { ScorecardFigures } from '../progress/scorecard-figures'
import { ExportButton } from '../shared/export-button'
import type { OrgUnitWithFamily } from '../shared/use-org-unit'
import { selectionToHash } from '../shared/selection'
import { overviewCsv, overviewFileName } from './overview-csv'
import { OverviewGrid } from './overview-grid'
import { overviewGrid } from './overview-model'
import classes from './overview.module.css'

export interface OverviewButtonProps {
    figures: ScorecardFigures
    unit: OrgUnitWithFamily
}

/**
 * Every child of the selected org unit against every indicator at once (a region sees all its districts).
 * The figures are the scorecard's own: its first analytics request already covers the org unit and all
 * its children, so opening the grid costs no request.
 */
const OverviewButton = ({ figures, unit }: OverviewButtonProps) => {
    const [open, setOpen] = useState(false)
    const opener = useRef<HTMLSpanElement | null>(null)
    const { year, provisional } = figures
    // Worked out on each render while open: a few hundred cells from figures already in memory.
    const grid = open ? overviewGrid(figures.targets, unit.children, figures.childrenFor) : null
    const close = () => {
        setOpen(false)
        opener.current?.querySelector('button')?.focus()
    }
    return (
        <>
            <span ref={opener}>
                <Button
                    small
                    disabled={unit.children.length === 0}
                    onClick={() => setOpen(true)}
                    dataTest="open-overview"
                >
                    {i18n.t('All sub-units')}
                </Button>
            </span>
            {open && grid && (
                <Modal fluid position="top" onClose={close} dataTest="overview">
                    <ModalTitle>
                        <span
                            id="overview-title"
                            data-test="overview-title"
                            // @dhis2/ui's Modal takes no aria props: its dialog is named after this title
                            ref={(el) =>
                                el
                                    ?.closest('[role="dialog"]')
                                    ?.setAttribute('aria-labelledby', 'overview-title')
                            }
                        >
                            {i18n.t('{{orgUnit}}, {{year}} — every indicator by organisation unit', {
                                orgUnit: unit.name,
                                year,
                            })}
                        </span>
                    </ModalTitle>
                    <ModalContent>
                        <OverviewGrid
                            grid={grid}
                            hrefFor={(id) => selectionToHash({ orgUnit: id, year, indicator: null })}
                            onOpen={() => setOpen(false)}
                            provisional={provisional}
                        />
                        {grid.national.length > 0 && (
                            <p className={classes.note}>
                                {i18n.t(
                                    'Survey indicators are national values, the same for every organisation unit, so they are not repeated here ({{indicators}}).',
                                    { indicators: grid.national.map((t) => localized(t.name)).join(', ') }
                                )}
                            </p>
                        )}
                    </ModalContent>
                    <ModalActions>
                        <ButtonStrip end>
                            <ExportButton
                                fileName={overviewFileName(unit.name, year)}
                                content={() => overviewCsv(grid, year, provisional)}
                            />
                            <Button small secondary onClick={close} dataTest="close-overview">
                                {i18n.t('Close')}
                            </Button>
                        </ButtonStrip>
                    </ModalActions>
                </Modal>
            )}
        </>
    )
}

export default OverviewButton
