// Seeded pseudo-random numbers for the demo database: the same seed gives the same database on every
// machine, so tests can assert on it and nothing large has to be committed.

/** FNV-1a 32-bit hash of a string, used to derive independent seeds from codes. */
export function hashSeed(text: string): number {
    let hash = 0x811c9dc5
    for (let i = 0; i < text.length; i += 1) {
        hash ^= text.charCodeAt(i)
        hash = Math.imul(hash, 0x01000193) >>> 0
    }
    return hash >>> 0
}

export class Prng {
    private state: number

    constructor(seed: number | string) {
        this.state = (typeof seed === 'string' ? hashSeed(seed) : seed) >>> 0
    }

    /** mulberry32: uniform in [0, 1). */
    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0
        let t = this.state
        t = Math.imul(t ^ (t >>> 15), t | 1)
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }

    between(min: number, max: number): number {
        return min + (max - min) * this.next()
    }

    /** Standard normal draw (Box-Muller). */
    gaussian(): number {
        const u = Math.max(this.next(), 1e-12)
        const v = this.next()
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    }

    /** A count with the given mean: Poisson for small means, a noisy normal approximation above. */
    count(mean: number, extraNoise = 0.06): number {
        if (mean <= 0) return 0
        if (mean < 30) {
            const limit = Math.exp(-mean)
            let k = 0
            let p = this.next()
            while (p > limit) {
                k += 1
                p *= this.next()
            }
            return k
        }
        const sd = Math.sqrt(mean + (mean * extraNoise) ** 2)
        return Math.max(0, Math.round(mean + sd * this.gaussian()))
    }
}
