/**
 * Counts distinct strings without keeping them: each string is kept as a 64-bit hash (two
 * independent 32-bit hashes) in an open-addressing table of two typed arrays: 8 bytes a slot,
 * filled up to three quarters (between 11 and 21 bytes a string).
 * VoID's distinct subjects and objects of a 100,000-hub build are millions of terms whose text
 * (descriptions, addresses) would otherwise be held until the end of the build. Two distinct
 * strings are counted as one only if both hashes collide: for n strings the chance that this
 * happens at all is about n² / 2^65 (1 in 10^6 for 6 million strings).
 */
export class DistinctCounter {
  // An empty slot is the pair 0, 0, which no string hashes to (see add). At 100,000 hubs (2.5 M
  // distinct subjects, 3.9 M distinct objects) a flag per slot and a table at most half full took
  // 150 MB; two arrays three quarters full, 96 MB.
  private high = new Uint32Array(1 << 12);
  private low = new Uint32Array(1 << 12);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Bytes of its table. */
  get byteLength(): number {
    return this.high.byteLength + this.low.byteLength;
  }

  /** Adds `text`; true when it was not counted before. */
  add(text: string): boolean {
    hash64(text, pair);
    const a = pair[0]!;
    const b = pair[1]!;
    if (this.insert(a, b)) {
      if (++this.count * 4 > this.high.length * 3) this.grow();
      return true;
    }
    return false;
  }

  private insert(a: number, b: number): boolean {
    const mask = this.high.length - 1;
    for (let i = (a ^ Math.imul(b, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      if (this.high[i] === 0 && this.low[i] === 0) {
        this.high[i] = a;
        this.low[i] = b;
        return true;
      }
      if (this.high[i] === a && this.low[i] === b) return false;
    }
  }

  private grow(): void {
    const { high, low } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(high.length * 2);
    for (let i = 0; i < high.length; i++) if (high[i] !== 0 || low[i] !== 0) this.insert(high[i]!, low[i]!);
  }
}

const pair = new Uint32Array(2);

/**
 * The 64-bit hash DistinctCounter keeps of a string, as two 32-bit halves in `out`: FNV-1a and a
 * multiplicative hash with another seed and prime, each over the UTF-16 code units. The pair 0, 0
 * is never given (see DistinctCounter: it marks an empty slot).
 */
export function hash64(text: string, out: Uint32Array): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = fmix(a ^ text.length) >>> 0;
  // a string that hashes to 0, 0 is counted as 0, 1 (one more pair in 2^64 that collides)
  out[0] = a;
  out[1] = (fmix(b) >>> 0) || (a === 0 ? 1 : 0);
}

/** murmur3's finaliser: every input bit reaches every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
