// The online form as the service hands it to the pages: plain shapes, no code. A module of their own
// so that the form builder (form-model.ts) and the service's interface (service.ts) both import them
// without importing each other.

/** An organisation unit as the intake shows it: one of a user's facilities, the facility of a form. */
export interface IntakeOrgUnit {
    id: string
    name: string
    path: string
}
export interface FormField {
    key: string
    label: string
    dataElement: string
    categoryOptionCombo: string
    valueType: string
    current: string | null
}
export interface FormModel {
    orgUnit: IntakeOrgUnit
    period: string
    periodLabel: string
    dataSetName: string
    sections: Array<{ name: string; fields: FormField[] }>
}
