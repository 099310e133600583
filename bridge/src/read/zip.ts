// Lists a zip archive's entries from its central directory without inflating anything, so a workbook's
// declared size can be checked before a library loads it whole into memory.
import type { FileHandle } from 'node:fs/promises'

export interface ZipEntry {
    name: string
    /** Declared uncompressed size; Infinity for a zip64 entry (sizes not read here). */
    size: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50

/** The entries of the zip open in `fh` (of `fileSize` bytes), or null when it has no readable directory. */
export async function listZip(fh: FileHandle, fileSize: number): Promise<ZipEntry[] | null> {
    // the end record is 22 bytes plus a comment of at most 65535
    const tailLength = Math.min(fileSize, 22 + 0xffff)
    const tail = Buffer.alloc(tailLength)
    await fh.read(tail, 0, tailLength, fileSize - tailLength)
    let end = -1
    for (let i = tailLength - 22; i >= 0; i--)
        if (tail.readUInt32LE(i) === EOCD) {
            end = i
            break
        }
    if (end === -1) return null
    const count = tail.readUInt16LE(end + 10)
    const dirSize = tail.readUInt32LE(end + 12)
    const dirOffset = tail.readUInt32LE(end + 16)
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) return null
    if (dirOffset + dirSize > fileSize) return null
    const dir = Buffer.alloc(dirSize)
    await fh.read(dir, 0, dirSize, dirOffset)
    const entries: ZipEntry[] = []
    let p = 0
    for (let n = 0; n < count; n++) {
        if (p + 46 > dirSize || dir.readUInt32LE(p) !== CENTRAL) return null
        const size = dir.readUInt32LE(p + 24)
        const nameLength = dir.readUInt16LE(p + 28)
        const extraLength = dir.readUInt16LE(p + 30)
        const commentLength = dir.readUInt16LE(p + 32)
        const name = dir.toString('utf8', p + 46, p + 46 + nameLength)
        entries.push({ name, size: size === 0xffffffff ? Infinity : size })
        p += 46 + nameLength + extraLength + commentLength
    }
    return entries
}
