/**
 * Counts distinct strings given in parts (a build's batches), holding one part's hashes at a time:
 * each part's distinct 64-bit hashes (DistinctCounter's, hash64) are sorted and written to a run
 * on disk, and `size` merges the runs. VoID's 3.9 M distinct objects of a 100,000-hub build took a
 * 64 MB table (96 MB while it doubled, late in the batches); as runs they are ~40 MB of a
 * temporary file and a buffer per run while they are counted. The same count as DistinctCounter.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { hash64 } from './distinct-counter.js';
import { MinHeap } from './min-heap.js';
import { scratchDir, type ScratchDir } from './scratch.js';

/** Hashes read at a time from a run while they are merged. */
const READ_PAIRS = 1024;

export class DistinctRuns {
  private high = new Uint32Array(1 << 12);
  private low = new Uint32Array(1 << 12);
  /** Hashes of the part being added. */
  private pending = 0;
  private readonly pair = new Uint32Array(2);
  private readonly runs: { start: number; pairs: number }[] = [];
  private file: { dir: ScratchDir; fd: number; bytes: number } | undefined;
  private counted: number | undefined;

  add(text: string): void {
    hash64(text, this.pair);
    if (this.pending === this.high.length) {
      const high = new Uint32Array(this.high.length * 2);
      const low = new Uint32Array(this.high.length * 2);
      high.set(this.high);
      low.set(this.low);
      this.high = high;
      this.low = low;
    }
    this.high[this.pending] = this.pair[0]!;
    this.low[this.pending] = this.pair[1]!;
    this.pending++;
    this.counted = undefined;
  }

  /** Ends a part: its distinct hashes, sorted, go to a run. */
  endPart(): void {
    if (!this.pending) return;
    const { high, low } = this;
    const order = new Uint32Array(this.pending);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((x, y) => high[x]! - high[y]! || low[x]! - low[y]!);
    const out = new Uint32Array(2 * order.length);
    let n = 0;
    for (const i of order) {
      if (n && out[2 * n - 2] === high[i] && out[2 * n - 1] === low[i]) continue;
      out[2 * n] = high[i]!;
      out[2 * n + 1] = low[i]!;
      n++;
    }
    const file = (this.file ??= DistinctRuns.runsFile());
    const bytes = Buffer.from(out.buffer, 0, 8 * n);
    for (let done = 0; done < bytes.length; ) done += writeSync(file.fd, bytes, done, bytes.length - done, file.bytes + done);
    this.runs.push({ start: file.bytes, pairs: n });
    file.bytes += bytes.length;
    this.pending = 0;
    // A part's table shrinks back: the next part is as big as the last, not as the biggest.
    if (this.high.length > 1 << 12) {
      this.high = new Uint32Array(Math.max(1 << 12, this.high.length >>> 1));
      this.low = new Uint32Array(this.high.length);
    }
  }

  /** The file of the runs, made with the first. */
  private static runsFile(): { dir: ScratchDir; fd: number; bytes: number } {
    const dir = scratchDir('distinct');
    return { dir, fd: openSync(join(dir.path, 'runs'), 'w+'), bytes: 0 };
  }

  /** Distinct strings of every part (ending the current one). */
  get size(): number {
    this.endPart();
    return (this.counted ??= this.count());
  }

  private count(): number {
    const file = this.file;
    if (!file) return 0;
    const heads = new MinHeap<PairReader>((x, y) => x.high < y.high || (x.high === y.high && x.low < y.low));
    for (const run of this.runs) {
      const reader = new PairReader(file.fd, run.start, run.pairs);
      if (reader.next()) heads.push(reader);
    }
    let distinct = 0;
    let lastHigh = -1;
    let lastLow = -1;
    for (let top = heads.peek(); top; top = heads.peek()) {
      if (top.high !== lastHigh || top.low !== lastLow) {
        distinct++;
        lastHigh = top.high;
        lastLow = top.low;
      }
      if (top.next()) heads.topChanged();
      else heads.pop();
    }
    return distinct;
  }

  /** Removes the runs' file. */
  dispose(): void {
    if (!this.file) return;
    closeSync(this.file.fd);
    this.file.dir.remove();
    this.file = undefined;
    this.runs.length = 0;
  }
}

/** The hashes of one run, in order, a buffer of them at a time. */
class PairReader {
  high = 0;
  low = 0;
  private readonly buffer = new Uint32Array(2 * READ_PAIRS);
  private inBuffer = 0;
  private at = 0;
  private read = 0;

  constructor(private readonly fd: number, private readonly start: number, private readonly pairs: number) {}

  /** Moves to the next hash; false at the run's end. */
  next(): boolean {
    if (this.at === this.inBuffer) {
      if (this.read === this.pairs) return false;
      const take = Math.min(READ_PAIRS, this.pairs - this.read);
      const bytes = Buffer.from(this.buffer.buffer, 0, 8 * take);
      for (let done = 0; done < bytes.length; ) {
        const got = readSync(this.fd, bytes, done, bytes.length - done, this.start + 8 * this.read + done);
        if (got === 0) throw new Error('a run of distinct hashes ended early');
        done += got;
      }
      this.read += take;
      this.inBuffer = take;
      this.at = 0;
    }
    this.high = this.buffer[2 * this.at]!;
    this.low = this.buffer[2 * this.at + 1]!;
    this.at++;
    return true;
  }
}
