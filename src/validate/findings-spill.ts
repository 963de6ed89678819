/**
 * The findings of a build in batches, put aside on disk as the batches are validated instead of
 * held to the end: at 100,000 hubs 200,000 findings took ~80 MB of the build's heap through the
 * batches and the last stage. Each batch's findings are one sorted run of JSON lines; `finish`
 * merges the runs into the order mergeOutcomes gives (equal findings as one, the first taking the
 * others' sources) and reads each finding back by its number, for the report.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MinHeap } from '../util/min-heap.js';
import { scratchDir, type ScratchDir } from '../util/scratch.js';
import { addSources, compareFindings, mergeOutcomes, type ValidationFinding, type ValidationOutcome } from './validate.js';

/** Bytes read at a time from a run, and kept per run while the runs are merged (200 runs at 100,000 hubs). */
const READ_BYTES = 64 * 1024;

/** A file of JSON lines written at its end. */
class LinesFile {
  readonly fd: number;
  size = 0;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w+');
  }

  /** Lines, each ending with its newline. */
  append(lines: readonly string[]): void {
    if (!lines.length) return;
    const bytes = Buffer.from(lines.join(''), 'utf8');
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.size + done);
    this.size += bytes.length;
  }
}

/** The lines of bytes [start, end) of a file, one at a time. */
class LineReader {
  private buffer = Buffer.alloc(0);
  private at = 0;
  constructor(private readonly fd: number, private position: number, private readonly end: number) {}

  next(): string | undefined {
    for (;;) {
      const newline = this.buffer.indexOf(0x0a, this.at);
      if (newline >= 0) {
        const line = this.buffer.toString('utf8', this.at, newline);
        this.at = newline + 1;
        return line;
      }
      if (this.position >= this.end) return undefined;
      // What is left of the buffer (a line begun) goes first: a character cut in two is whole again.
      const rest = this.buffer.subarray(this.at);
      const chunk = Buffer.allocUnsafe(rest.length + Math.min(READ_BYTES, this.end - this.position));
      rest.copy(chunk);
      let filled = rest.length;
      while (filled < chunk.length) {
        const read = readSync(this.fd, chunk, filled, chunk.length - filled, this.position);
        if (read === 0) throw new Error(`findings put aside in a file ended early, at byte ${this.position}`);
        filled += read;
        this.position += read;
      }
      this.buffer = chunk;
      this.at = 0;
    }
  }
}

const jsonLine = (f: ValidationFinding): string => `${JSON.stringify(f)}\n`;

/** The findings of one build, batch by batch. */
export class FindingsSpill {
  private readonly dir: ScratchDir = scratchDir('findings');
  private readonly runs = new LinesFile(join(this.dir.path, 'runs.jsonl'));
  private readonly bounds: { start: number; end: number }[] = [];
  private finished = false;

  /** One batch's outcome, written away. */
  add(outcome: ValidationOutcome): void {
    if (this.finished) throw new Error('findings added after they were merged');
    const start = this.runs.size;
    // A batch's findings in order, equal ones as one: a run, as mergeOutcomes makes it of one outcome.
    this.runs.append(mergeOutcomes([outcome]).findings.map(jsonLine));
    this.bounds.push({ start, end: this.runs.size });
  }

  /** Every batch's findings merged, as mergeOutcomes merges outcomes; the runs are let go. */
  finish(): SpilledFindings {
    this.finished = true;
    const merged = new LinesFile(join(this.dir.path, 'merged.jsonl'));
    // offsets[i] is where finding i starts; the last, where the file ends
    const offsets: number[] = [0];
    let violations = 0;
    let warnings = 0;
    const pending: string[] = [];
    const flush = (): void => {
      merged.append(pending);
      pending.length = 0;
    };
    const emit = (f: ValidationFinding): void => {
      if (f.severity === 'Violation') violations++;
      else if (f.severity === 'Warning') warnings++;
      const line = jsonLine(f);
      pending.push(line);
      offsets.push(offsets[offsets.length - 1]! + Buffer.byteLength(line, 'utf8'));
      if (pending.length >= 1000) flush();
    };
    let current: ValidationFinding | undefined;
    for (const f of mergedRuns(this.runs.fd, this.bounds)) {
      if (current && compareFindings(current, f) === 0) addSources(current, f);
      else {
        if (current) emit(current);
        current = f;
      }
    }
    if (current) emit(current);
    flush();
    closeSync(this.runs.fd);
    return new SpilledFindings(this.dir, merged, offsets, violations, warnings);
  }

  /** Removes what was written (a build that failed). */
  dispose(): void {
    try {
      closeSync(this.runs.fd);
    } catch {
      // closed already
    }
    this.dir.remove();
  }
}

/**
 * The runs' findings in order: of equal findings, the earlier run's first (then a run's own order),
 * which is the order of a stable sort of the batches' findings one after the other.
 */
function* mergedRuns(fd: number, bounds: readonly { start: number; end: number }[]): Generator<ValidationFinding> {
  const readers = bounds.map((b) => new LineReader(fd, b.start, b.end));
  const heads = new MinHeap<{ finding: ValidationFinding; run: number }>((a, b) => {
    const c = compareFindings(a.finding, b.finding);
    return c < 0 || (c === 0 && a.run < b.run);
  });
  const readNext = (run: number): void => {
    const line = readers[run]!.next();
    if (line !== undefined) heads.push({ finding: JSON.parse(line) as ValidationFinding, run });
  };
  for (let run = 0; run < readers.length; run++) readNext(run);
  for (let head = heads.pop(); head; head = heads.pop()) {
    readNext(head.run);
    yield head.finding;
  }
}

/**
 * An outcome nobody holds any more takes its file with it: a process that builds many times
 * (a library user's) would otherwise keep every build's findings on disk until it exits.
 */
const unreadOutcomes = new FinalizationRegistry<SpilledFindings>((spilled) => spilled.dispose());

/** Findings read back by their number from a merged file, a window of it at a time. */
export class SpilledFindings {
  readonly length: number;
  readonly conforms: boolean;
  /** Windows of the file recently read: the report reads results in the order of their IRIs, which interleaves two runs of numbers. */
  private readonly windows: { start: number; bytes: Buffer }[] = [];
  private nextWindow = 0;
  private closed = false;

  constructor(private readonly dir: ScratchDir, private readonly file: LinesFile, private readonly offsets: readonly number[], readonly violations: number, readonly warnings: number) {
    this.length = offsets.length - 1;
    this.conforms = violations === 0;
  }

  /** Finding i (from 0), as a new object. */
  at(i: number): ValidationFinding {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`finding ${i} of ${this.length}`);
    const start = this.offsets[i]!;
    const end = this.offsets[i + 1]! - 1; // without its newline
    let window = this.windows.find((w) => w.start <= start && end <= w.start + w.bytes.length);
    if (!window) {
      const bytes = Buffer.allocUnsafe(Math.max(READ_BYTES * 4, end - start));
      const read = readSync(this.file.fd, bytes, 0, Math.min(bytes.length, this.file.size - start), start);
      window = { start, bytes: bytes.subarray(0, read) };
      this.windows[this.nextWindow] = window;
      this.nextWindow = (this.nextWindow + 1) % 4;
    }
    return JSON.parse(window.bytes.toString('utf8', start - window.start, end - window.start)) as ValidationFinding;
  }

  /** Every finding, in order, one at a time. */
  *each(): Generator<ValidationFinding> {
    const reader = new LineReader(this.file.fd, 0, this.file.size);
    for (let line = reader.next(); line !== undefined; line = reader.next()) yield JSON.parse(line) as ValidationFinding;
  }

  /** Every finding, in order. */
  all(): ValidationFinding[] {
    return [...this.each()];
  }

  /**
   * The outcome as a build returns it: its findings read from disk when first asked for, then the
   * file is removed (at the latest when the process exits); eachFinding (validate.ts) reads them
   * one at a time instead, as the CLI does.
   */
  outcome(): ValidationOutcome {
    let findings: ValidationFinding[] | undefined;
    const spilled = this;
    const outcome: ValidationOutcome = {
      conforms: this.conforms,
      violations: this.violations,
      warnings: this.warnings,
      get findings(): ValidationFinding[] {
        if (!findings) {
          findings = spilled.all();
          spilled.dispose();
        }
        return findings;
      },
      set findings(value: ValidationFinding[]) {
        findings = value;
        spilled.dispose();
      },
    };
    // Not enumerable: the outcome compares and prints as any other.
    Object.defineProperty(outcome, 'each', { value: (): Iterable<ValidationFinding> => findings ?? spilled.each() });
    unreadOutcomes.register(outcome, this);
    return outcome;
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.file.fd);
    this.windows.length = 0;
    this.dir.remove();
  }
}
