/**
 * read: find the input files of a build and dispatch each to the reader of its format.
 * Table-driven: a reader is registered by file extension.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import type { HubRecord } from '../model/record.js';
import { readYamlRecords } from './yaml-record.js';
import { readRegistryJson } from './registry-json.js';
import { readEdihCsv, readEdihXlsx } from './edih.js';
import { append } from '../util/arrays.js';
import { applyFacts, DescriptionWorker, extractMarked, takeJob, type MarkedRecord } from './enrich.js';
import type { DescriptionFacts } from '../extract/description.js';
import { stageTimer } from '../util/timings.js';
import { collectHeapNow } from '../util/heap-governor.js';
import { progress, step } from '../util/progress.js';

export interface SourceFile {
  /** Path on disk. */
  path: string;
  /** Name used in messages and provenance: the input argument's last segment plus the path below it. */
  name: string;
}

export interface ReadOutcome {
  records: HubRecord[];
  diagnostics: Diagnostic[];
  files: SourceFile[];
}

export interface ReaderResult {
  records: HubRecord[];
  diagnostics: Diagnostic[];
}

/**
 * A file's bytes, handed over once. A reader takes them (take()) and so holds the only reference:
 * a text reader lets them go once decoded, instead of the 110 MB of a 100,000-hub YAML file
 * staying next to its text while it is parsed.
 */
export class FileBytes {
  /** Bytes the file has (taken or not). */
  readonly size: number;

  constructor(private bytes: Buffer | undefined) {
    this.size = bytes?.length ?? 0;
  }

  /** The file's bytes, read from disk (throws what reading throws). Made in a frame of its own, which keeps no reference. */
  static read(path: string): FileBytes {
    return new FileBytes(readFileSync(path));
  }

  take(): Buffer {
    const bytes = this.bytes;
    if (!bytes) throw new Error('the file\'s bytes were already taken');
    this.bytes = undefined;
    return bytes;
  }
}

/**
 * A reader gets the file's bytes (spreadsheets are binary) and may work asynchronously. It may hand
 * each record to `emit` as soon as it is read, instead of returning it: a big file's records are
 * then packed away one by one, never all objects at once (the build's sink, see RecordStore). It
 * may tell `onProgress` the share of the file read so far (0 to 1), for the progress bar.
 */
export type Reader = (bytes: FileBytes, file: SourceFile, emit?: (record: HubRecord) => void, onProgress?: (fraction: number) => void) => ReaderResult | Promise<ReaderResult>;
type TextRead = (text: string, file: SourceFile, emit?: (record: HubRecord) => void, onProgress?: (fraction: number) => void) => ReaderResult | Promise<ReaderResult>;

/** Decodes UTF-8 text, dropping a byte-order mark. */
export function utf8(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based line of the first byte sequence that is not UTF-8. */
function firstInvalidUtf8Line(bytes: Buffer): number {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        strict.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 1;
}

/**
 * Text of a source file: UTF-8 (a BOM dropped). Bytes that are not UTF-8 are read as Windows-1252
 * (what spreadsheets export as "Latin-1") with a warning naming the first bad line, instead of
 * silently turning letters into U+FFFD; NUL bytes in the first 8 KiB mean a binary file, refused.
 */
export function decodeText(bytes: Buffer, file: SourceFile): { text?: string; diagnostics: Diagnostic[] } {
  if (bytes.subarray(0, 8192).includes(0)) return { diagnostics: [{ severity: 'error', file: file.name, message: 'binary file (NUL bytes), not text; skipped' }] };
  try {
    // Without ignoreBOM the decoder drops a leading byte-order mark itself.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), diagnostics: [] };
  } catch {
    const line = firstInvalidUtf8Line(bytes);
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      diagnostics: [{ severity: 'warning', file: file.name, line, message: 'not valid UTF-8: read as Windows-1252 (Latin-1); check the accented letters of this file' }],
    };
  }
}

/**
 * A file this big is let go of as soon as it is read: its bytes once decoded, its text once
 * parsed. At 100,000 hubs each of the two files is 110-125 MB: with the bytes and texts of both
 * waiting for V8 to collect them by itself the reading peaked at 1.34 GB, without at 1.13 GB.
 */
const BIG_FILE = 32 * 2 ** 20;

/** The text of a file's bytes, in a frame of its own: once it returns, nothing holds the bytes. */
function takeText(bytes: FileBytes, file: SourceFile): { text?: string; diagnostics: Diagnostic[] } {
  return decodeText(bytes.take(), file);
}

/** A reader of text formats, given decoded text; decoding problems are reported next to its own. */
function textReader(read: TextRead): Reader {
  return async (bytes, file, emit, onProgress) => {
    const { text, diagnostics } = takeText(bytes, file);
    if (bytes.size >= BIG_FILE) collectHeapNow(); // the bytes, before the text is read
    if (text === undefined) return { records: [], diagnostics };
    const result = await read(text, file, emit, onProgress);
    return { records: result.records, diagnostics: [...diagnostics, ...result.diagnostics] };
  };
}

/** Readers by lower-case extension. Other stages register more (pages, registry exports). */
export const READERS: Record<string, Reader> = {
  '.yaml': textReader((text, file, emit, onProgress) => readYamlRecords(text, file.name, { ...(emit ? { onRecord: emit } : {}), ...(onProgress ? { onProgress } : {}) })),
  '.yml': textReader((text, file, emit, onProgress) => readYamlRecords(text, file.name, { ...(emit ? { onRecord: emit } : {}), ...(onProgress ? { onProgress } : {}) })),
  '.json': textReader((text, file, emit, onProgress) => readRegistryJson(text, file, emit, onProgress)),
  '.xlsx': (bytes, file) => readEdihXlsx(bytes.take(), file),
  '.csv': textReader((text, file) => readEdihCsv(text, file)),
  // the extractor (and its NLP library) loads only for builds that have pages
  '.txt': textReader(async (text, file) => (await import('./catalogue-page.js')).readCataloguePage(text, file.name)),
};

/** Extensions of prose pages, read after every other source (see readSources). */
const PAGE_EXTENSIONS = new Set(['.txt']);

/** Files below the given paths, in a stable order; hidden files and folders are skipped. */
export function listSourceFiles(inputs: string[]): SourceFile[] {
  const out: SourceFile[] = [];
  for (const input of inputs) {
    const abs = resolve(input);
    const stat = statSync(abs, { throwIfNoEntry: false });
    if (!stat) throw new Error(`${input}: no such file or folder`);
    if (stat.isFile()) {
      out.push({ path: abs, name: basename(abs) });
      continue;
    }
    const root = basename(abs);
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (entry.name.startsWith('.')) continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile()) out.push({ path: full, name: `${root}/${relative(abs, full).split('\\').join('/')}` });
      }
    };
    walk(abs);
  }
  return out;
}

export interface ReadOptions {
  readers?: Record<string, Reader>;
}

/** Extensions of registry exports, whose records carry descriptions to extract. */
const REGISTRY_EXTENSIONS = new Set(['.json', '.xlsx', '.csv']);

/**
 * Where each file's records go once read: into an array (readSources), or packed away as they
 * come (a build, see RecordStore), so that a big input is never all objects at once.
 */
export interface RecordSink {
  /** Takes a record (its description's job already taken, see takeJob) and says where it is. */
  add(record: HubRecord): number;
  /** The facts of the description of the record at `at`. */
  addFacts(at: number, facts: DescriptionFacts): void;
  /** Called once every file is read (facts may still come). */
  end?(): void;
}

/** The records as objects, enriched in place. */
export class RecordArray implements RecordSink {
  readonly records: HubRecord[] = [];
  add(record: HubRecord): number {
    return this.records.push(record) - 1;
  }
  addFacts(at: number, facts: DescriptionFacts): void {
    applyFacts(this.records[at]!, facts);
  }
}

/** Documents transcribed by a record: the document's file name, and the files of the records. */
type Transcriptions = Map<string, Set<string>>;

/** `lastJobs` is told when the last file that can mark records for description (a registry export) is read. */
async function readAll(pending: { file: SourceFile; reader: Reader }[], sink: RecordSink, mark: (marked: MarkedRecord) => void, transcribed: Transcriptions, diagnostics: Diagnostic[], lastJobs: () => void): Promise<void> {
  const lastExport = pending.findLastIndex((p) => REGISTRY_EXTENSIONS.has(extname(p.file.path).toLowerCase()));
  if (lastExport < 0) lastJobs();
  for (const [at, { file, reader }] of pending.entries()) {
    if (at === lastExport + 1) lastJobs();
    const files = transcribed.get(basename(file.path));
    if (PAGE_EXTENSIONS.has(extname(file.path).toLowerCase()) && files && [...files].some((f) => f !== file.name)) continue;
    let bytes: FileBytes;
    try {
      bytes = FileBytes.read(file.path);
    } catch (err) {
      diagnostics.push({ severity: 'error', file: file.name, message: `cannot read: ${(err as Error).message}` });
      continue;
    }
    const take = (record: HubRecord): void => {
      const { document } = record.source;
      if (document) transcribed.set(document, (transcribed.get(document) ?? new Set()).add(record.source.file));
      const job = takeJob(record);
      const at = sink.add(record);
      if (job) mark({ at, job });
    };
    const reading = step(`reading ${file.name}`);
    // a reader that tells how far it got (a big export, a big YAML file) gets a bar, in percent
    const bar = progress(`reading ${file.name} (%)`);
    // records a reader emits go to the sink as they are read; those it returns, once it is done
    const result = await reader(bytes, file, take, (fraction) => bar.update(Math.floor(fraction * 100), 100));
    bar.done();
    reading.done();
    for (const record of result.records) take(record);
    append(diagnostics, result.diagnostics);
    if (bytes.size >= BIG_FILE) collectHeapNow(); // the file's text, before the next file is read
  }
}

/**
 * Every file read, with the description extraction still running: `enriched` resolves once each
 * record marked for it has the entities and relations of its description. Until then the records'
 * hub entities are already final (extraction only adds entities and relations), so work on them
 * (the merge) can run meanwhile.
 */
export interface PendingRead {
  files: SourceFile[];
  /** Problems of reading, in file order. */
  diagnostics: Diagnostic[];
  /** Problems of the extraction, once it is done. */
  enriched: Promise<Diagnostic[]>;
  /** Files no reader takes. */
  unread: Diagnostic[];
}

export async function readSources(inputs: string[], options: ReadOptions = {}): Promise<ReadOutcome> {
  const sink = new RecordArray();
  const read = await startReading(inputs, sink, options);
  const enriched = await read.enriched;
  return { records: sink.records, diagnostics: [...read.diagnostics, ...enriched, ...read.unread], files: read.files };
}

/** Reads every input into `sink`, and starts extracting the descriptions of registry records. */
export async function startReading(inputs: string[], sink: RecordSink, options: ReadOptions = {}): Promise<PendingRead> {
  const readers = options.readers ?? READERS;
  const files = listSourceFiles(inputs);
  const diagnostics: Diagnostic[] = [];
  const pending: { file: SourceFile; reader: Reader }[] = [];
  for (const file of files) {
    const reader = readers[extname(file.path).toLowerCase()];
    if (reader) pending.push({ file, reader });
  }
  // Pages are read last: a page that a structured or curated record transcribes (source.document)
  // is covered by that record and must not be extracted a second time.
  pending.sort((a, b) => Number(PAGE_EXTENSIONS.has(extname(a.file.path).toLowerCase())) - Number(PAGE_EXTENSIONS.has(extname(b.file.path).toLowerCase())));
  // Registry exports carry descriptions: a worker loads the extractor while the files are read.
  const apply = (at: number, facts: DescriptionFacts): void => sink.addFacts(at, facts);
  const worker = pending.some((p) => REGISTRY_EXTENSIONS.has(extname(p.file.path).toLowerCase())) ? new DescriptionWorker(apply) : undefined;
  const timer = stageTimer();
  // Without a worker, the descriptions are extracted here once every file is read.
  const marked: MarkedRecord[] = [];
  const transcribed: Transcriptions = new Map();
  try {
    await readAll(pending, sink, worker ? (m) => worker.add(m) : (m) => marked.push(m), transcribed, diagnostics, () => worker?.lastJobs());
    if (worker) worker.lastJobs();
    sink.end?.();
  } catch (err) {
    worker?.stop();
    throw err;
  }
  timer.lap('  read files');
  // registry records marked by their readers get the facts of their descriptions
  const enriched = worker ? worker.finish() : extractMarked(marked, apply);
  enriched.catch(() => undefined); // awaited by the caller; never an unhandled rejection meanwhile
  const unread: Diagnostic[] = [];
  // Documents transcribed by a curated record are covered by it; anything else without a reader is reported.
  for (const file of files) {
    if (readers[extname(file.path).toLowerCase()]) continue;
    if (transcribed.has(basename(file.path))) continue;
    if (/^(readme|license|notice)/i.test(basename(file.path))) continue;
    unread.push({ severity: 'warning', file: file.name, message: `no reader for ${extname(file.path) || 'files without extension'}; file ignored` });
  }
  return { diagnostics, enriched, unread, files };
}
