import i18n from '@dhis2/d2-i18n'
import {
    Button,
    DataTable,
    DataTableBody,
    DataTableCell,
    DataTableColumnHeader,
    DataTableHead,
    DataTableRow,
    NoticeBox,
} from '@dhis2/ui'
import React, { useMemo, useState } from 'react'
import { ErrorNotice } from '../shared/error-notice'
import { localized } from '../progress/labels'
import { LoadingState } from '../shared/loading-state'
import { DEFAULT_TARGETS } from '../progress/catalogue'
import { findRecord, PLANNERS_GROUP_CODE } from '../progress/target-record'
import { HistoryPanel } from './history-panel'
import { ImportExport } from './import-export'
import { inheritedValues } from './inherited'
import { LevelPicker, type Level } from './level-picker'
import { decimalText } from './numbers'
import { RecordEditor } from './record-editor'
import classes from './target-editor.module.css'
import { useHistory } from './use-history'
import { useLevels } from './use-levels'
import { usePlanner } from './use-planner'
import { useTargetSet } from './use-target-set'
import type { ValidationContext } from './validation'

function targetCell(value: number | null): string {
    return value === null ? 'XX' : decimalText(value)
}

/** « Cibles »: planners edit the targets per indicator and level; everyone else reads the same view. */
const TargetsView = () => {
    const planner = usePlanner()
    const levels = useLevels()
    const set = useTargetSet()
    const [level, setLevel] = useState<Level>({ region: null, district: null })
    const [code, setCode] = useState<string | null>(null)
    const [reloads, setReloads] = useState(0)
    const history = useHistory(set.store, code)
    const readOnly = !(planner.data?.isPlanner ?? false)

    const orgUnit = level.district ?? level.region
    const above = useMemo(
        () => (level.district !== null ? [null, level.region] : level.region !== null ? [null] : []),
        [level]
    )
    const country = levels.data?.country?.name ?? 'Mali'
    const orgUnitName = (id: string | null) =>
        id === null ? country : (levels.data?.byId.get(id)?.name ?? id)
    const indicator = DEFAULT_TARGETS.find((t) => t.code === code) ?? null
    const context = useMemo((): ValidationContext | null => {
        if (!indicator) return null
        return {
            code: indicator.code,
            orgUnit,
            factor: indicator.factor,
            direction: indicator.direction,
            unitLabel: localized(indicator.unit),
            inherited: inheritedValues(set.document.records, indicator, above),
            currentYear: new Date().getFullYear(),
        }
    }, [indicator, orgUnit, above, set.document])

    const blocking = planner.error ?? levels.error ?? set.error
    if (blocking) return <ErrorNotice error={blocking} />
    if (planner.loading || levels.loading || set.loading || !levels.data) {
        return <LoadingState label={i18n.t('Loading the targets…')} />
    }

    const reload = async () => {
        await set.reload()
        await history.reload()
    }

    return (
        <main className={classes.page} data-test="targets-view" data-read-only={readOnly}>
            <h2>{i18n.t('Targets')}</h2>
            {readOnly ? (
                <div data-test="read-only-notice">
                    <NoticeBox title={i18n.t('Read only')}>
                        {i18n.t(
                            'Only the ministry planners (DHIS2 user group {{code}}) change the targets. You see them as they apply.',
                            { code: PLANNERS_GROUP_CODE }
                        )}
                    </NoticeBox>
                </div>
            ) : (
                <p>
                    {i18n.t(
                        'An empty field inherits from the level above (region, then country, then the plan). Type XX where the plan sets no value.'
                    )}
                </p>
            )}
            <div className={classes.toolbar}>
                <LevelPicker
                    levels={levels.data}
                    value={level}
                    onChange={(l) => {
                        setLevel(l)
                        setReloads((n) => n + 1)
                    }}
                />
            </div>
            <div className={classes.tableScroll}>
                <DataTable>
                    <DataTableHead>
                        <DataTableRow>
                            <DataTableColumnHeader>{i18n.t('Indicator')}</DataTableColumnHeader>
                            <DataTableColumnHeader>{i18n.t('Unit')}</DataTableColumnHeader>
                            <DataTableColumnHeader>{i18n.t('Target 2023')}</DataTableColumnHeader>
                            <DataTableColumnHeader>{i18n.t('Target 2030')}</DataTableColumnHeader>
                            <DataTableColumnHeader>{i18n.t('Set for')}</DataTableColumnHeader>
                            <DataTableColumnHeader />
                        </DataTableRow>
                    </DataTableHead>
                    <DataTableBody>
                        {DEFAULT_TARGETS.map((t) => {
                            const own = findRecord(set.document.records, t.code, orgUnit)
                            const inherited = inheritedValues(set.document.records, t, [...above, orgUnit])
                            const selected = t.code === code
                            return (
                                <DataTableRow key={t.code} dataTest="target-row" selected={selected}>
                                    <DataTableCell className={selected ? classes.selected : undefined}>
                                        <span data-code={t.code}>{localized(t.name)}</span>
                                    </DataTableCell>
                                    <DataTableCell>{localized(t.unit)}</DataTableCell>
                                    <DataTableCell dataTest="row-target-2023">
                                        {targetCell(inherited.target2023)}
                                    </DataTableCell>
                                    <DataTableCell dataTest="row-target-2030">
                                        {targetCell(inherited.target2030)}
                                    </DataTableCell>
                                    <DataTableCell>
                                        {own ? i18n.t('this level') : i18n.t('inherited')}
                                    </DataTableCell>
                                    <DataTableCell>
                                        <Button
                                            small
                                            secondary={!selected}
                                            onClick={() => {
                                                setCode(t.code)
                                                setReloads((n) => n + 1)
                                            }}
                                            dataTest="open-target"
                                            value={t.code}
                                        >
                                            {readOnly ? i18n.t('View') : i18n.t('Edit')}
                                        </Button>
                                    </DataTableCell>
                                </DataTableRow>
                            )
                        })}
                    </DataTableBody>
                </DataTable>
            </div>
            {indicator && context && (
                <section className={classes.section} data-test="target-detail" data-code={indicator.code}>
                    <h3>
                        {i18n.t('{{indicator}} — {{level}}', {
                            indicator: localized(indicator.name),
                            level: orgUnitName(orgUnit),
                        })}
                    </h3>
                    <p>
                        {indicator.direction === 'lower'
                            ? i18n.t('Lower is better.')
                            : i18n.t('Higher is better.')}
                    </p>
                    <RecordEditor
                        key={`${indicator.code}|${orgUnit ?? ''}|${reloads}`}
                        context={context}
                        loaded={findRecord(set.document.records, indicator.code, orgUnit)}
                        store={set.store}
                        plannersGroupId={planner.data?.groupId ?? null}
                        readOnly={readOnly}
                        onSaved={() => void reload()}
                        onRefused={() => void history.reload()}
                        onReload={() => {
                            void reload().then(() => setReloads((n) => n + 1))
                        }}
                    />
                    <HistoryPanel code={indicator.code} history={history} orgUnitName={orgUnitName} />
                </section>
            )}
            <ImportExport
                document={set.document}
                indicators={DEFAULT_TARGETS}
                orgUnits={levels.data.byId}
                country={country}
                store={set.store}
                plannersGroupId={planner.data?.groupId ?? null}
                readOnly={readOnly}
                onSaved={() => void reload()}
            />
        </main>
    )
}

export default TargetsView
