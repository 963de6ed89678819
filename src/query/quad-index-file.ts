/**
 * dih.nq.idx: a publication's quad index (quad-index.ts) as a file, written by the build next to
 * the dih.nq it indexes, so a query starts by reading ~30 bytes a quad instead of parsing dih.nq
 * and sorting it. It is a cache, not a distribution: the catalogue does not list it, and a reader
 * that finds it missing, damaged, from another format version or from another dih.nq ignores it.
 *
 * Layout (integers little-endian, arrays in this machine's byte order, checked by a marker):
 *   0  "DIHQIDX1"                 magic and format version
 *   8  u32 0x01020304             byte-order marker
 *  12  u32 quads, u32 terms, u32 byte length of the term table
 *  24  f64 size of dih.nq, 32 bytes of sourceFingerprint(dih.nq)
 *  64  term table: JSON array of IndexedTerm, UTF-8, padded with spaces to a multiple of 4
 *      then u32 columns s, p, o, g (distinct quads sorted SPOG), then orders POSG, OSPG, GSPO
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { QuadIndex, type IndexedTerm, type QuadIndexParts } from './quad-index.js';

export const QUAD_INDEX_FILE = 'dih.nq.idx';
const INDEXED_FILE = 'dih.nq';
const MAGIC = 'DIHQIDX1';
const MARKER = 0x01020304;
const HEADER_BYTES = 64;
/** How much of each end of dih.nq the fingerprint reads. */
const SAMPLE_BYTES = 1 << 20;

/**
 * Identifies dih.nq without reading all of it (reading 32 MB would cost a cold query ~0.15 s):
 * its size and its first and last MiB. A publication's statements are sorted, so a change that
 * keeps the size and both ends alike is not one a build makes.
 */
export function sourceFingerprint(size: number, head: Uint8Array, tail: Uint8Array): Buffer {
  return createHash('sha256').update(String(size)).update(head).update(tail).digest();
}

function fingerprintOfBytes(bytes: Uint8Array): Buffer {
  const sample = Math.min(SAMPLE_BYTES, bytes.length);
  return sourceFingerprint(bytes.length, bytes.subarray(0, sample), bytes.subarray(bytes.length - sample));
}

/** The IndexedSource of a dih.nq on disk (its size and a hash of its first and last bytes). */
export function fingerprintOfFile(file: string): { size: number; fingerprint: Buffer } {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const sample = Math.min(SAMPLE_BYTES, size);
    const head = Buffer.alloc(sample), tail = Buffer.alloc(sample);
    readSync(fd, head, 0, sample, 0);
    readSync(fd, tail, 0, sample, size - sample);
    return { size, fingerprint: sourceFingerprint(size, head, tail) };
  } finally {
    closeSync(fd);
  }
}

/** The index file's bytes, its source not yet stamped (see stampQuadIndex). */
export function quadIndexBytes(index: QuadIndex): Uint8Array {
  const { terms, columns, orders } = index.parts();
  const json = JSON.stringify(terms);
  const tableLength = Buffer.byteLength(json, 'utf8');
  const tableBytes = Math.ceil(tableLength / 4) * 4;
  const arrays = [...columns, ...orders];
  const out = Buffer.allocUnsafeSlow(HEADER_BYTES + tableBytes + arrays.length * index.size * 4);
  out.write(MAGIC, 0, 'latin1');
  const view = new DataView(out.buffer, out.byteOffset, out.length);
  view.setUint32(8, MARKER, true);
  view.setUint32(12, index.size, true);
  view.setUint32(16, terms.length, true);
  view.setUint32(20, tableLength, true);
  out.fill(0, 24, HEADER_BYTES);
  out.write(json, HEADER_BYTES, 'utf8');
  out.fill(0x20, HEADER_BYTES + tableLength, HEADER_BYTES + tableBytes);
  let at = HEADER_BYTES + tableBytes;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return out;
}

/** What ties an index to its dih.nq: the file's size and fingerprint. */
export interface IndexedSource {
  size: number;
  fingerprint: Buffer;
}

/** The IndexedSource of dih.nq's bytes: taken once, so that the bytes need not be kept for the stamp. */
export function quadIndexSource(nquads: Uint8Array): IndexedSource {
  return { size: nquads.length, fingerprint: fingerprintOfBytes(nquads) };
}

/** Records which dih.nq (its bytes, or their quadIndexSource) the index was made from; in place. */
export function stampQuadIndex(indexBytes: Uint8Array, source: Uint8Array | IndexedSource): void {
  const { size, fingerprint } = source instanceof Uint8Array ? quadIndexSource(source) : source;
  const view = new DataView(indexBytes.buffer, indexBytes.byteOffset, indexBytes.byteLength);
  view.setFloat64(24, size, true);
  indexBytes.set(fingerprint, 32);
}

/** Why an index file was not used, for a caller that reports it. */
export type QuadIndexSkip = 'missing' | 'stale' | 'unreadable';

/** What a command tells its user when it refuses a publication's index and reads dih.nq instead. */
export function indexRefusedNotice(dir: string, why: Exclude<QuadIndexSkip, 'missing'>): string {
  const reason = why === 'stale' ? 'was made from another dih.nq' : 'cannot be read';
  return `${join(dir, QUAD_INDEX_FILE)} ${reason}; reading dih.nq instead (slower). \`dih-ld build\` writes a new one.`;
}

/**
 * The index of a publication folder's dih.nq, or why there is none to use: no file, one made from
 * another dih.nq, or one this version cannot read (damaged, other format or byte order).
 */
export function readQuadIndex(dir: string): QuadIndex | QuadIndexSkip {
  const read = readQuadIndexFile(dir);
  return typeof read === 'string' ? read : read.index;
}

/**
 * readQuadIndex, plus the bytes the index reads from, in shared memory when asked: worker threads
 * make their own QuadIndex over the same columns (quadIndexFromBytes) without copying them.
 */
export function readQuadIndexFile(dir: string, shared = false): { index: QuadIndex; bytes: Uint8Array } | QuadIndexSkip {
  const file = join(dir, QUAD_INDEX_FILE);
  const source = join(dir, INDEXED_FILE);
  if (!existsSync(file) || !existsSync(source)) return 'missing';
  let bytes: Uint8Array = readFileSync(file);
  // Typed arrays need their start aligned to 4 bytes; a file read into a pooled buffer may not be.
  if (shared || bytes.byteOffset % 4 !== 0) {
    const copy = new Uint8Array(shared ? new SharedArrayBuffer(bytes.length) : new ArrayBuffer(bytes.length));
    copy.set(bytes);
    bytes = copy;
  }
  if (bytes.length < HEADER_BYTES) return 'unreadable';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const { size, fingerprint } = fingerprintOfFile(source);
  if (view.getFloat64(24, true) !== size || !fingerprint.equals(bytes.subarray(32, 64))) return isQuadIndex(bytes) ? 'stale' : 'unreadable';
  const index = quadIndexFromBytes(bytes);
  return typeof index === 'string' ? index : { index, bytes };
}

function isQuadIndex(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER_BYTES && Buffer.from(bytes.buffer, bytes.byteOffset, 8).toString('latin1') === MAGIC;
}

/** The index in a file's bytes (aligned to 4), checked but not against its dih.nq. */
export function quadIndexFromBytes(bytes: Uint8Array): QuadIndex | 'unreadable' {
  if (!isQuadIndex(bytes) || bytes.byteOffset % 4 !== 0) return 'unreadable';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (view.getUint32(8, true) !== MARKER || new Uint32Array(bytes.buffer, bytes.byteOffset, 3)[2] !== MARKER) return 'unreadable';
  const quads = view.getUint32(12, true), termCount = view.getUint32(16, true), tableLength = view.getUint32(20, true);
  const tableBytes = Math.ceil(tableLength / 4) * 4;
  if (bytes.length !== HEADER_BYTES + tableBytes + 7 * quads * 4) return 'unreadable';
  let terms: IndexedTerm[];
  try {
    terms = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + HEADER_BYTES, tableLength).toString('utf8')) as IndexedTerm[];
  } catch {
    return 'unreadable';
  }
  if (!Array.isArray(terms) || terms.length !== termCount) return 'unreadable';
  const arrays: Uint32Array[] = [];
  for (let k = 0, at = bytes.byteOffset + HEADER_BYTES + tableBytes; k < 7; k++, at += quads * 4) arrays.push(new Uint32Array(bytes.buffer, at, quads));
  // Ids beyond the term table or quad numbers beyond the columns would fail only mid-query.
  for (let k = 0; k < 7; k++) {
    const limit = k < 4 ? termCount : quads, a = arrays[k]!;
    for (let i = 0; i < quads; i++) if (a[i]! >= limit) return 'unreadable';
  }
  return new QuadIndex({ terms, columns: arrays.slice(0, 4) as QuadIndexParts['columns'], orders: arrays.slice(4) as QuadIndexParts['orders'] });
}
