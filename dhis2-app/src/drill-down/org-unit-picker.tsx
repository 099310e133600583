import i18n from '@dhis2/d2-i18n'
import {
    Button,
    InputField,
    Modal,
    ModalActions,
    ModalContent,
    ModalTitle,
    OrganisationUnitTree,
} from '@dhis2/ui'
import React, { useRef, useState } from 'react'
import classes from './org-unit-picker.module.css'
import { useOrgUnitSearch } from './use-org-unit-search'

export interface OrgUnitPickerProps {
    /** The user's own org units: the tree starts there. */
    roots: string[]
    /** Path of the selected org unit. */
    selectedPath: string | null
    onSelect: (id: string) => void
}

/** A button opening the org unit tree, with a search that narrows the tree to matching units. */
export const OrgUnitPicker = ({ roots, selectedPath, onSelect }: OrgUnitPickerProps) => {
    const [open, setOpen] = useState(false)
    const [text, setText] = useState('')
    const search = useOrgUnitSearch(text)
    const matches = text.trim().length >= 2 ? (search.data ?? []) : null
    const opener = useRef<HTMLSpanElement>(null)
    // The dialog takes focus (its search field) and gives it back to the button that opened it, so a
    // keyboard user continues from where they were.
    const close = () => {
        setOpen(false)
        window.requestAnimationFrame(() => opener.current?.querySelector('button')?.focus())
    }
    const choose = (id: string) => {
        close()
        setText('')
        onSelect(id)
    }
    return (
        <>
            <span ref={opener}>
                <Button small onClick={() => setOpen(true)} dataTest="open-org-unit-picker">
                    {i18n.t('Choose an organisation unit')}
                </Button>
            </span>
            {open && (
                <Modal onClose={close} position="top" dataTest="org-unit-picker">
                    <ModalTitle>{i18n.t('Choose an organisation unit')}</ModalTitle>
                    <ModalContent>
                        <InputField
                            label={i18n.t('Search by name')}
                            value={text}
                            onChange={({ value }) => setText(value ?? '')}
                            dataTest="org-unit-search"
                            initialFocus
                            dense
                        />
                        {matches !== null && (
                            <ul className={classes.matches} data-test="org-unit-matches">
                                {search.loading && <li>{i18n.t('Searching…')}</li>}
                                {!search.loading && matches.length === 0 && (
                                    <li>{i18n.t('No organisation unit found')}</li>
                                )}
                                {matches.map((m) => (
                                    <li key={m.id}>
                                        <Button small secondary onClick={() => choose(m.id)}>
                                            {m.name}
                                        </Button>
                                    </li>
                                ))}
                            </ul>
                        )}
                        <div className={classes.tree}>
                            <OrganisationUnitTree
                                roots={roots}
                                singleSelection
                                selected={selectedPath ? [selectedPath] : []}
                                initiallyExpanded={
                                    selectedPath ? [selectedPath.split('/').slice(0, -1).join('/')] : []
                                }
                                filter={
                                    matches && matches.length > 0 ? matches.map((m) => m.path) : undefined
                                }
                                onChange={({ id }) => choose(id)}
                            />
                        </div>
                    </ModalContent>
                    <ModalActions>
                        <Button secondary onClick={close}>
                            {i18n.t('Close')}
                        </Button>
                    </ModalActions>
                </Modal>
            )}
        </>
    )
}
