/**
 * Results of read-only queries over a graph that never changes while the server runs: the same
 * query, dataset and media type always give the same bytes, so they are kept (LRU, bounded in
 * entries and bytes). `--no-cache` turns it off.
 */
import type { ContentCoding } from './compression.js';

/** An answer as sent: the body is encoded once, not on every hit. */
export interface CachedResult {
  body: Buffer;
  rows: number;
  truncated: boolean;
  /** The body compressed, per content coding, once a client asked for it (serve/compression.ts). */
  encoded?: Partial<Record<ContentCoding, Promise<Buffer>>>;
}

export class ResultCache {
  private readonly entries = new Map<string, CachedResult>();
  private bytes = 0;

  constructor(private readonly maxEntries = 1000, private readonly maxBytes = 64 * 2 ** 20) {}

  get(key: string): CachedResult | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedResult): void {
    const size = value.body.byteLength;
    if (size > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.body.byteLength;
    this.entries.delete(key);
    this.entries.set(key, value);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.body.byteLength;
    }
  }
}
