import React from 'react'
import { LoadingState } from '../shared/loading-state'
import classes from './scorecard-skeleton.module.css'

/** The table's shape while the figures travel over a slow link: the page is never blank. */
export const ScorecardSkeleton = ({ label, rows = 8 }: { label: string; rows?: number }) => (
    <div className={classes.skeleton} data-test="scorecard-skeleton">
        <LoadingState label={label} />
        <div aria-hidden="true">
            {Array.from({ length: rows }, (_, i) => (
                <div key={i} className={classes.row}>
                    <span className={classes.wide} />
                    <span />
                    <span />
                    <span />
                </div>
            ))}
        </div>
    </div>
)
