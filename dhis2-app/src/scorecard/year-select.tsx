import i18n from '@dhis2/d2-i18n'
import React, { useId } from 'react'
import classes from './year-select.module.css'

export interface YearSelectProps {
    years: readonly number[]
    selected: number
    /** The running year, labelled as incomplete in the list. */
    currentYear: number
    onChange: (year: number) => void
}

/**
 * The browser's own select: arrow keys, typing a year and screen readers work everywhere, and it costs no
 * script (the UI library's select could not be operated from the keyboard).
 */
export const YearSelect = ({ years, selected, currentYear, onChange }: YearSelectProps) => {
    const id = useId()
    return (
        <div className={classes.field} data-test="year-select">
            <label htmlFor={id} className={classes.label}>
                {i18n.t('Year')}
            </label>
            <select
                id={id}
                className={classes.select}
                value={String(selected)}
                onChange={(event) => onChange(Number(event.target.value))}
            >
                {[...years].reverse().map((y) => (
                    <option key={y} value={String(y)}>
                        {y === currentYear ? i18n.t('{{year}} (in progress)', { year: y }) : String(y)}
                    </option>
                ))}
            </select>
        </div>
    )
}
