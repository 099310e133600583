// The state folder holds what DHIS2 holds for the clinics and who sent it: readable by its owner
// only (0700 folder, 0600 files), whatever the umask.
import { chmod, mkdir } from 'node:fs/promises'

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates the folder 0700; an existing folder (perhaps chosen with --state-dir) is left as it is. */
export async function ensurePrivateDir(dir: string): Promise<void> {
    const created = await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
    // mkdir's mode goes through the umask: set it exactly on the folder we created
    if (created !== undefined) await chmod(dir, PRIVATE_DIR_MODE).catch(() => undefined)
}

/** Files written before this rule (or by another tool) are tightened too. */
export async function makePrivate(file: string): Promise<void> {
    await chmod(file, PRIVATE_FILE_MODE).catch(() => undefined)
}
