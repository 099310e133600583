import i18n from '@dhis2/d2-i18n'
import React from 'react'
import type { OrgUnitRef } from '../shared/use-org-unit'
import classes from './breadcrumbs.module.css'

export interface BreadcrumbsProps {
    /** Root first. */
    ancestors: OrgUnitRef[]
    current: OrgUnitRef
    /** Link (URL hash) that opens an org unit. */
    hrefFor: (id: string) => string
    /** Org units above the user's own cannot be opened: they are shown as plain text. */
    canOpen: (id: string) => boolean
}

/** The path from the country to the selected org unit; each step goes back up in one click. */
export const Breadcrumbs = ({ ancestors, current, hrefFor, canOpen }: BreadcrumbsProps) => (
    <nav aria-label={i18n.t('Organisation unit path')} className={classes.crumbs} data-test="breadcrumbs">
        <ol>
            {ancestors.map((unit) => (
                <li key={unit.id}>
                    {canOpen(unit.id) ? <a href={hrefFor(unit.id)}>{unit.name}</a> : <span>{unit.name}</span>}
                </li>
            ))}
            <li aria-current="page">
                <strong>{current.name}</strong>
            </li>
        </ol>
    </nav>
)
