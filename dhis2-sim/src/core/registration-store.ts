// Complete data set registrations in memory, one per (data set, period, org unit, attribute option combo).
import { emit, type Bus } from './change-bus.js'
import type { CompleteRegistration, CompleteRegistrationStore } from './types.js'

function registrationKey(dataSet: string, period: string, orgUnit: string, aoc: string): string {
    return `${dataSet}|${period}|${orgUnit}|${aoc}`
}

export class InMemoryCompleteRegistrationStore implements CompleteRegistrationStore {
    private readonly registrations = new Map<string, CompleteRegistration>()

    constructor(private readonly bus: Bus) {}

    get(dataSet: string, period: string, orgUnit: string, aoc: string): CompleteRegistration | undefined {
        return this.registrations.get(registrationKey(dataSet, period, orgUnit, aoc))
    }

    put(registration: CompleteRegistration): void {
        emit(this.bus, { kind: 'completeRegistration.put', registration: { ...registration } })
        this.rawPut(registration)
    }

    rawPut(registration: CompleteRegistration): void {
        const key = registrationKey(
            registration.dataSet,
            registration.period,
            registration.organisationUnit,
            registration.attributeOptionCombo
        )
        this.registrations.set(key, registration)
    }

    remove(dataSet: string, period: string, orgUnit: string, aoc: string): boolean {
        const key = registrationKey(dataSet, period, orgUnit, aoc)
        if (!this.registrations.has(key)) return false
        emit(this.bus, {
            kind: 'completeRegistration.remove',
            dataSet,
            period,
            orgUnit,
            attributeOptionCombo: aoc,
        })
        return this.registrations.delete(key)
    }

    all(): Iterable<CompleteRegistration> {
        return this.registrations.values()
    }
}
