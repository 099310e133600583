import { NoticeBox } from '@dhis2/ui'
import React, { type ReactNode } from 'react'
import classes from './notice.module.css'

export interface NoticeProps {
    title: string
    children: ReactNode
    warning?: boolean
    error?: boolean
}

/**
 * The UI library's notice box with its title as bold text: the library writes the title as an h6, which
 * breaks the page's heading order for screen reader users (h1 then h6) without being a section of its own.
 */
export const Notice = ({ title, children, warning = false, error = false }: NoticeProps) => (
    <NoticeBox warning={warning} error={error}>
        <strong className={classes.title}>{title}</strong>
        <span className={classes.body}>{children}</span>
    </NoticeBox>
)
