/**
 * Records kept as compressed UTF-8 JSON, and parsed again when asked. A build packs each record as
 * soon as its file is read and reads it back a batch at a time; as objects, 200,000 records held
 * ~2.4 GB, and a heap that large slows every later stage through the garbage collector, which
 * walks it again and again. As JSON they are ~0.45 GB; deflated in blocks (level 1: ~400 MB/s
 * here, a tenth of the bytes) ~60 MB, for ~3 s of zlib over a 100,000-hub build.
 *
 * Any JSON value packs (the facts of descriptions too): what comes back is JSON.parse(JSON.stringify(value)).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { HubRecord } from './record.js';

/** JSON bytes per compressed block: a record is found by inflating its block (~0.5 ms). */
const BLOCK_BYTES = 256 * 2 ** 10;
/** Blocks kept inflated: a batch reads each source's records in order, from a few sources at once. */
const INFLATED_BLOCKS = 4;

export class PackedRecords<T = HubRecord> {
  private readonly blocks: Buffer[] = [];
  /** Per record: its block, and its start and end in the block's JSON bytes (grown as records come). */
  private blockOf: Uint32Array = new Uint32Array(64);
  private starts: Uint32Array = new Uint32Array(64);
  private ends: Uint32Array = new Uint32Array(64);
  private count = 0;
  /** The block being filled: records in it are read from here until it is sealed. */
  private open: Buffer;
  private at = 0;
  /** The blocks inflated last, most recent first. */
  private readonly inflated: { block: number; bytes: Buffer }[] = [];

  constructor(records: Iterable<T> = [], private readonly blockBytes = BLOCK_BYTES) {
    this.open = Buffer.allocUnsafe(blockBytes);
    for (const record of records) this.add(record);
  }

  /** Packs one more record; its index is the number of records packed before it. */
  add(record: T): number {
    const json = JSON.stringify(record);
    // a UTF-16 code unit takes at most 3 bytes in UTF-8
    if (this.at + json.length * 3 > this.open.length) {
      if (this.at > 0) this.seal();
      if (json.length * 3 > this.open.length) this.open = Buffer.allocUnsafe(json.length * 3);
    }
    const i = this.count++;
    if (i === this.starts.length) this.grow();
    this.blockOf[i] = this.blocks.length;
    this.starts[i] = this.at;
    this.at += this.open.write(json, this.at, 'utf8');
    this.ends[i] = this.at;
    return i;
  }

  get length(): number {
    return this.count;
  }

  /** Bytes of the records: compressed blocks, and the JSON of the block being filled. */
  get byteLength(): number {
    return this.blocks.reduce((sum, b) => sum + b.length, this.at);
  }

  /** Record i, as a new object each time (nothing keeps it once the caller lets it go). */
  get(i: number): T {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`no record ${i} of ${this.count}`);
    const block = this.blockOf[i]!;
    const bytes = block === this.blocks.length ? this.open : this.inflatedBlock(block);
    return JSON.parse(bytes.toString('utf8', this.starts[i]!, this.ends[i]!)) as T;
  }

  private seal(): void {
    this.blocks.push(deflateRawSync(this.open.subarray(0, this.at), { level: 1 }));
    // a fresh buffer: one bigger than a block (a huge record) is not kept for the next
    this.open = Buffer.allocUnsafe(this.blockBytes);
    this.at = 0;
  }

  private grow(): void {
    const bigger = (a: Uint32Array): Uint32Array => {
      const b = new Uint32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.blockOf = bigger(this.blockOf);
    this.starts = bigger(this.starts);
    this.ends = bigger(this.ends);
  }

  private inflatedBlock(block: number): Buffer {
    const cached = this.inflated.findIndex((b) => b.block === block);
    if (cached === 0) return this.inflated[0]!.bytes;
    const entry = cached > 0 ? this.inflated.splice(cached, 1)[0]! : { block, bytes: inflateRawSync(this.blocks[block]!) };
    this.inflated.unshift(entry);
    if (this.inflated.length > INFLATED_BLOCKS) this.inflated.pop();
    return entry.bytes;
  }
}
