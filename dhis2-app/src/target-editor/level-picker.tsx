import i18n from '@dhis2/d2-i18n'
import { SingleSelectField, SingleSelectOption } from '@dhis2/ui'
import React from 'react'
import type { Levels } from './use-levels'

export interface Level {
    region: string | null
    district: string | null
}

export interface LevelPickerProps {
    levels: Levels
    value: Level
    onChange: (level: Level) => void
}

const NATIONAL = 'national'
const WHOLE_REGION = 'region'

/** Where the edited targets apply: the country, a region, or one district of it. */
export const LevelPicker = ({ levels, value, onChange }: LevelPickerProps) => (
    <>
        <SingleSelectField
            label={i18n.t('Level')}
            selected={value.region ?? NATIONAL}
            onChange={({ selected }: { selected: string }) =>
                onChange({ region: selected === NATIONAL ? null : selected, district: null })
            }
            dataTest="level-region"
            filterable
            noMatchText={i18n.t('No match')}
        >
            <SingleSelectOption
                value={NATIONAL}
                label={i18n.t('{{country}} (national)', { country: levels.country?.name ?? 'Mali' })}
            />
            {levels.regions.map((r) => (
                <SingleSelectOption key={r.id} value={r.id} label={r.name} />
            ))}
        </SingleSelectField>
        {value.region !== null && (
            <SingleSelectField
                label={i18n.t('District (optional)')}
                selected={value.district ?? WHOLE_REGION}
                onChange={({ selected }: { selected: string }) =>
                    onChange({ region: value.region, district: selected === WHOLE_REGION ? null : selected })
                }
                dataTest="level-district"
                filterable
                noMatchText={i18n.t('No match')}
            >
                <SingleSelectOption value={WHOLE_REGION} label={i18n.t('The whole region')} />
                {levels.districtsOf(value.region).map((d) => (
                    <SingleSelectOption key={d.id} value={d.id} label={d.name} />
                ))}
            </SingleSelectField>
        )}
    </>
)
