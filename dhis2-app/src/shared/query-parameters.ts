/** The shape app-runtime accepts for `params` (arrays are comma-joined into one parameter). */
export type QueryParameters = Record<string, string | number | boolean | string[]>
