// /api/system/info (SystemController, SystemInfo.java): full for superusers, reduced for others.
import { toIso8601NoTz } from '../core/dates.js'
import type { SimUser } from '../core/types.js'
import type { ServerContext } from '../server/context.js'

const SENSITIVE = [
    'javaVersion',
    'javaVendor',
    'javaOpts',
    'osName',
    'osArchitecture',
    'osVersion',
    'externalDirectory',
    'databaseInfo',
    'readReplicaCount',
    'memoryInfo',
    'cpuCores',
    'systemMonitoringUrl',
    'encryption',
    'redisEnabled',
    'redisHostname',
    'clusterHostname',
    'fileStoreProvider',
    'nodeId',
]

function interval(fromIso: string, to: Date): string {
    let seconds = Math.max(0, Math.floor((to.getTime() - new Date(fromIso).getTime()) / 1000))
    const days = Math.floor(seconds / 86400)
    seconds -= days * 86400
    const hours = Math.floor(seconds / 3600)
    seconds -= hours * 3600
    const minutes = Math.floor(seconds / 60)
    seconds -= minutes * 60
    const parts: string[] = []
    if (days > 0) parts.push(`${days} d`)
    if (hours > 0 || days > 0) parts.push(`${hours} h`)
    if (minutes > 0 || hours > 0 || days > 0) parts.push(`${minutes} m`)
    parts.push(`${seconds} s`)
    return parts.join(', ')
}

export function systemInfo(ctx: ServerContext, user: SimUser | null, baseUrl: string, userAgent: string) {
    const now = ctx.now()
    const lastRun = ctx.db.analytics.lastRun
    const title = ctx.db.systemSettings.applicationTitle
    const info: Record<string, unknown> = {
        contextPath: baseUrl,
        userAgent,
        calendar: 'iso8601',
        dateFormat: 'yyyy-mm-dd',
        serverDate: toIso8601NoTz(now),
        serverTimeZoneId: 'Etc/UTC',
        serverTimeZoneDisplayName: 'Coordinated Universal Time',
        lastAnalyticsTableSuccess: lastRun ? toIso8601NoTz(new Date(lastRun)) : undefined,
        intervalSinceLastAnalyticsTableSuccess: lastRun ? interval(lastRun, now) : undefined,
        lastAnalyticsTableRuntime: lastRun ? '1 s' : undefined,
        version: ctx.serverVersion,
        revision: 'dhis2sim',
        buildTime: toIso8601NoTz(ctx.startedAt),
        jasperReportsVersion: '6.20.0',
        environmentVariable: 'DHIS2_HOME',
        fileStoreProvider: 'filesystem',
        readOnlyMode: 'off',
        nodeId: 'dhis2-sim',
        javaVersion: '17.0.12',
        javaVendor: 'Eclipse Adoptium',
        javaOpts: '',
        osName: 'Linux',
        osArchitecture: 'amd64',
        osVersion: process.release.name,
        externalDirectory: '/opt/dhis2',
        databaseInfo: {
            name: 'dhis2',
            user: 'dhis',
            url: 'jdbc:postgresql:dhis2',
            databaseVersion: 'PostgreSQL 14 (simulated)',
            spatialSupport: true,
        },
        readReplicaCount: 0,
        memoryInfo: 'Simulated',
        cpuCores: 2,
        encryption: false,
        emailConfigured: false,
        redisEnabled: false,
        systemId: ctx.systemId,
        systemName: typeof title === 'string' ? title : 'DHIS 2',
        instanceBaseUrl: baseUrl,
        clusterHostname: '',
        isMetadataVersionEnabled: true,
        metadataSyncEnabled: false,
    }
    if (!user || !user.authorities.includes('ALL')) for (const key of SENSITIVE) delete info[key]
    for (const key of Object.keys(info)) if (info[key] === undefined) delete info[key]
    return info
}
