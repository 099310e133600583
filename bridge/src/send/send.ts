// One import request to DHIS2 with the bridge's retry rules, shared by the data value push and the
// completeness registrations: network errors, timeouts, 5xx and 429 are retried with back-off; an
// answer carrying an ImportSummary (even 409) is final; refused credentials stop the whole run.
import { setTimeout as sleep } from 'node:timers/promises'
import { Dhis2Error, type Dhis2Client } from '../dhis2/client.js'
import { readImportAnswer, type ImportSummary } from './import-summary.js'

export interface RetryRules {
    maxAttempts: number
    /** First back-off step in ms (doubles each attempt, with jitter). */
    backoffMs: number
    maxBackoffMs: number
    random: () => number
}

/** Set when DHIS2 refuses the credentials: no point sending anything else. */
export interface StopSignal {
    error: Error | null
}

export interface SendOutcome {
    attempts: number
    retries: number
    httpStatus?: number
    summary?: ImportSummary
    /** Why no summary came back after the last attempt. */
    error?: string
    /**
     * Some attempt may have reached DHIS2 and been applied although no answer came back (connection
     * dropped or timed out after sending, gateway timeout): only reading DHIS2 can tell.
     */
    maybeApplied?: boolean
}

/** Failures after which DHIS2 may have applied the request: the body was (or may have been) sent. */
export function mayHaveBeenApplied(e: unknown): boolean {
    if (!(e instanceof Dhis2Error)) return true
    if (e.kind === 'timeout') return true
    if (e.kind === 'network')
        return !/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(e.message)
    return e.kind === 'http' && (e.status === 502 || e.status === 504)
}

export function backoffDelay(
    attempt: number,
    base: number,
    cap: number,
    random: () => number,
    retryAfterS?: number
): number {
    // "full jitter": spreads retries of many chunks so they do not hit a recovering server together
    const exp = Math.min(cap, base * 2 ** (attempt - 1))
    const jittered = exp / 2 + random() * (exp / 2)
    return Math.max(jittered, retryAfterS !== undefined ? retryAfterS * 1000 : 0)
}

export async function postImport(
    client: Dhis2Client,
    url: string,
    params: Record<string, string>,
    body: unknown,
    rules: RetryRules,
    stop: StopSignal,
    /** Follows an async import's task to its summary (dataValueSets with `async=true`). */
    pollTask?: (taskId: string) => Promise<ImportSummary>
): Promise<SendOutcome> {
    const out: SendOutcome = { attempts: 0, retries: 0 }
    let lastError = ''
    while (out.attempts < rules.maxAttempts && !stop.error) {
        out.attempts++
        try {
            const res = await client.request({ method: 'POST', url, params, data: body })
            out.httpStatus = res.status
            const reading = readImportAnswer(res.status, res.data)
            if (reading.kind === 'summary') out.summary = reading.summary
            else if (reading.kind === 'async' && pollTask) out.summary = await pollTask(reading.taskId)
            else if (res.status >= 500 || res.status === 429) {
                throw client.httpError(res.status, res.data, url, res.headers['retry-after'])
            } else {
                // 4xx without a summary (bad request, payload too large…): retrying would not help
                const message = reading.kind === 'unexpected' ? reading.message : ''
                lastError = `HTTP ${res.status}${message ? ` ${message}` : ''}`
                break
            }
            // 200 OK, 200 WARNING (2.43), 409 WARNING (2.38-2.42) and 409 ERROR all carry a summary: never retried
            return out
        } catch (e) {
            if (e instanceof Dhis2Error && (e.kind === 'unauthorized' || e.kind === 'forbidden')) {
                stop.error = e
                lastError = e.message
                break
            }
            lastError = e instanceof Error ? e.message : String(e)
            if (mayHaveBeenApplied(e)) out.maybeApplied = true
            if (e instanceof Dhis2Error && !e.retryable) break
            const retryAfter = e instanceof Dhis2Error ? e.retryAfter : undefined
            if (out.attempts < rules.maxAttempts) {
                out.retries++
                await sleep(
                    backoffDelay(out.attempts, rules.backoffMs, rules.maxBackoffMs, rules.random, retryAfter)
                )
            }
        }
    }
    if (!lastError && stop.error) lastError = stop.error.message
    out.error = lastError
    return out
}
